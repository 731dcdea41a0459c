import { z } from 'zod';
import { DateTime, EntityId, LonLat, SeverityLevel } from './common.ts';

export const IncidentType = z.enum(
  [
    'waterlogging',
    'flood',
    'water_rescue',
    'dike_piping',
    'building_collapse',
    'landslide',
    'fire',
    'traffic_accident',
    'hazchem_leak',
    'power_outage',
  ],
  { error: 'unknown incident type' },
);
export type IncidentType = z.infer<typeof IncidentType>;

/**
 * The standard name of each type (zh-CN): what the public is shown in place of an incident's own
 * title, which officers type from a caller's words (names, addresses of people).
 */
export const INCIDENT_TYPE_TITLE: Readonly<Record<IncidentType, string>> = {
  waterlogging: '城市内涝',
  flood: '洪水',
  water_rescue: '人员被困水中',
  dike_piping: '管涌/渗漏',
  building_collapse: '房屋倒塌',
  landslide: '滑坡',
  fire: '火灾',
  traffic_accident: '交通事故',
  hazchem_leak: '危化品泄漏',
  power_outage: '停电',
};

/** The lifecycle a duty officer drives (reopen goes back to confirmed). */
export const IncidentStatus = z.enum(
  ['reported', 'confirmed', 'dispatched', 'en_route', 'on_scene', 'resolved', 'closed'],
  { error: 'unknown incident status' },
);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const IncidentSource = z.enum(['phone', 'grid_member', 'simulator', 'ingest', 'camera']);

/** One team sent to an incident: when, by whom, and the road ETA computed at that moment. */
export const DispatchRecord = z.object({
  teamId: EntityId,
  at: DateTime,
  /** Seconds over the roads from where the team was to the scene; null without a road route. */
  etaS: z.number().nonnegative().nullable(),
  by: z.string().max(100),
});
export type DispatchRecord = z.infer<typeof DispatchRecord>;

export const Incident = z.object({
  id: EntityId,
  type: IncidentType,
  severity: SeverityLevel,
  status: IncidentStatus,
  title: z.string().min(1, { error: 'an incident needs a title' }).max(200),
  description: z.string().max(4000),
  position: LonLat,
  address: z.string().max(200),
  countyCode: z.string().regex(/^\d{6}$/),
  townshipCode: z
    .string()
    .regex(/^\d{9}$/)
    .nullable(),
  villageCode: z
    .string()
    .regex(/^\d{12}$/)
    .nullable(),
  reportedAt: DateTime,
  updatedAt: DateTime,
  assignedTeamIds: z.array(EntityId),
  /** Each dispatch with its ETA (the console counts down to it); absent before the first. */
  dispatches: z.array(DispatchRecord).max(100).optional(),
  source: IncidentSource,
  /** Simulated or drill data: shown with the 演练 / EXERCISE watermark. */
  exercise: z.boolean(),
  /** Hidden or dimmed on walls visible to the public. */
  sensitive: z.boolean(),
});
export type Incident = z.infer<typeof Incident>;

/**
 * The live incident collection keeps every open incident and the most recently closed ones up
 * to this many; older closed incidents leave it (they stay in the event log). Without a bound a
 * console running for months would carry every incident ever closed. Gateway and browser apply
 * the same rule, so their states agree.
 */
export const MAX_CLOSED_INCIDENTS = 500;
