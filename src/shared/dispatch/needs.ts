import type { EquipmentItem, IncidentType, TeamSkill } from '../protocol/index.ts';

/** What a response to an incident of a type needs: every skill, these items, this many people. */
export interface Need {
  skills: readonly TeamSkill[];
  equipment: Partial<Record<EquipmentItem, number>>;
  members: number;
}

/**
 * The bureaus' rule of thumb per incident type (water rescue needs boats and water-rescue skills,
 * waterlogging needs drainage pumps, collapse needs life detectors ...). Starting values for the
 * exercise; a bureau tunes them to its own plans.
 */
export const NEEDS: Readonly<Record<IncidentType, Need>> = {
  water_rescue: {
    skills: ['water_rescue'],
    equipment: { assault_boat: 1, life_jacket: 10 },
    members: 6,
  },
  flood: { skills: ['water_rescue', 'evacuation'], equipment: { assault_boat: 1 }, members: 10 },
  waterlogging: { skills: ['drainage'], equipment: { drainage_pump_module: 1 }, members: 4 },
  dike_piping: {
    skills: ['dike_repair'],
    equipment: { piping_detector: 1, sandbag: 200 },
    members: 10,
  },
  building_collapse: { skills: ['collapse_search'], equipment: { life_detector: 1 }, members: 8 },
  landslide: { skills: ['collapse_search'], equipment: { life_detector: 1 }, members: 8 },
  fire: { skills: ['firefighting'], equipment: {}, members: 4 },
  traffic_accident: { skills: ['road_clearing'], equipment: { rescue_vehicle: 1 }, members: 4 },
  hazchem_leak: { skills: ['hazchem'], equipment: {}, members: 6 },
  power_outage: { skills: ['power_repair'], equipment: { generator: 1 }, members: 3 },
};
