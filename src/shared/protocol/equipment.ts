import { z } from 'zod';
import { NonNegativeInt } from './common.ts';

/** Items the bureaus stock (brief: "Equipment"); the unit is what a count means. */
export const EQUIPMENT = {
  assault_boat: { unit: 'boat' },
  rubber_boat: { unit: 'boat' },
  drainage_pump_module: { unit: 'module' },
  portable_pump: { unit: 'pump' },
  life_detector: { unit: 'set' },
  drone: { unit: 'drone' },
  satellite_phone: { unit: 'phone' },
  generator: { unit: 'set' },
  power_storage: { unit: 'unit' },
  piping_detector: { unit: 'set' },
  rescue_vehicle: { unit: 'vehicle' },
  lighting_tower: { unit: 'set' },
  life_jacket: { unit: 'piece' },
  sandbag: { unit: 'bag' },
  stone_m3: { unit: 'm³' },
  tent: { unit: 'tent' },
} as const;

export const EquipmentItem = z.enum(Object.keys(EQUIPMENT) as [keyof typeof EQUIPMENT], {
  error: `equipment must be one of: ${Object.keys(EQUIPMENT).join(', ')}`,
});
export type EquipmentItem = z.infer<typeof EquipmentItem>;

/** Counts by item; items not listed are zero. */
export const Inventory = z.partialRecord(EquipmentItem, NonNegativeInt);
export type Inventory = z.infer<typeof Inventory>;
