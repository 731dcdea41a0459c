import { z } from 'zod';
import { DateTime, EntityId, LonLat } from './common.ts';
import { FiringLevel } from './hydro-rule.ts';
import { StationKind } from './station.ts';

const VillageCode = z.string().regex(/^\d{12}$/, { error: 'village code must be 12 digits' });

/**
 * A threshold rule that fired at a station (and, for a village's warning index, for a village):
 * what crossed, by how much, which way it is going, which villages it threatens and the warning
 * it issued. Open until the condition clears below its hysteresis mark; acknowledged by a duty
 * officer (which stops the console's alarm for it, not the firing).
 */
export const Firing = z.object({
  id: EntityId,
  status: z.enum(['open', 'cleared']),
  rule: EntityId,
  ruleName: z.string().min(1),
  ruleKind: z.enum(['rain', 'level', 'rise', 'village', 'depth']),
  level: FiringLevel,
  station: EntityId,
  stationCode: z.string().regex(/^\d{8}(\d{2})?$/),
  stationName: z.string().min(1),
  stationKind: StationKind,
  position: LonLat,
  countyCode: z.string().regex(/^\d{6}$/),
  townshipCode: z.string().regex(/^\d{9}$/),
  /** The village whose index fired (village rules only). */
  villageCode: VillageCode.optional(),
  /** Villages it threatens: by the warning index, downstream along the river, or around it. */
  villages: z.array(VillageCode).max(500),
  value: z.number(),
  threshold: z.number(),
  unit: z.enum(['mm', 'm', 'm/h']),
  /** For rain: the window summed (hours). */
  windowH: z.number().int().positive().optional(),
  /**
   * Which way it is going, per hour: rain in the last hour (mm), a level's rise (m/h, negative
   * falling); null when the station's series is too short to say.
   */
  trend: z.number().nullable(),
  /** The observation times it opened and cleared at. */
  openedAt: DateTime,
  clearedAt: DateTime.optional(),
  /** The CAP identifier of the warning it issued or upgraded, if the rule issues one. */
  warning: z.string().min(1).optional(),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: DateTime.optional(),
});
export type Firing = z.infer<typeof Firing>;
