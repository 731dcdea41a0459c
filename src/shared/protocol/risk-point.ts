import { z } from 'zod';
import { Approximate, Contact, DateOnly, EntityId, LonLat, SeverityLevel } from './common.ts';

/** Flood risk point types investigated by the flood headquarters (防汛风险点). */
export const RiskPointType = z.enum(
  [
    'waterlogging_spot',
    'river_dike_section',
    'underground_space',
    'bridge_culvert',
    'landslide_slope',
    'dangerous_building',
    'hazchem_site',
    'reservoir_pond',
    'construction_pit',
  ],
  { error: 'unknown risk point type' },
);
export type RiskPointType = z.infer<typeof RiskPointType>;

/** The hidden-hazard lifecycle (brief: reported → verified → assigned → rectified → closed). */
export const HazardStatus = z.enum(
  ['reported', 'verified', 'rectification_assigned', 'rectified', 'closed'],
  { error: 'status must be reported, verified, rectification_assigned, rectified or closed' },
);
export type HazardStatus = z.infer<typeof HazardStatus>;

export const RiskPoint = z.object({
  id: EntityId,
  name: z.string().min(1),
  type: RiskPointType,
  level: SeverityLevel,
  status: HazardStatus,
  /** Null once rectified or where no rectification is required. */
  rectificationDeadline: DateOnly.nullable(),
  countyCode: z.string().regex(/^\d{6}$/),
  townshipCode: z.string().regex(/^\d{9}$/),
  villageCode: z.string().regex(/^\d{12}$/),
  position: LonLat,
  approximate: Approximate,
  description: z.string(),
  /** Absent for a reader not cleared to see people (see protocol/redaction.ts). */
  responsible: Contact.optional(),
});
export type RiskPoint = z.infer<typeof RiskPoint>;
