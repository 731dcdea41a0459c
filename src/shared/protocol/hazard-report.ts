import { z } from 'zod';
import type { HazardStatsAnswer } from './read-answers.ts';
import { DateOnly, DateTime, EntityId, LonLat } from './common.ts';
import { HazardStatus } from './risk-point.ts';

/** What the supervision platforms receive (brief: safety production, fire, earthquake prevention). */
export const ReportCategory = z.enum(
  ['safety_production', 'fire', 'earthquake_prevention', 'flood', 'other'],
  { error: 'unknown report category' },
);
export type ReportCategory = z.infer<typeof ReportCategory>;

export const ReportStatus = z.enum(['pending', 'handling', 'settled'], {
  error: 'report status must be pending, handling or settled',
});
export type ReportStatus = z.infer<typeof ReportStatus>;

/** A historical case from the platforms; 603,900 of them in Kaifeng since 2019-07-01. */
export const HazardReport = z
  .object({
    id: EntityId,
    time: DateTime,
    category: ReportCategory,
    status: ReportStatus,
    settledAt: DateTime.nullable(),
    countyCode: z.string().regex(/^\d{6}$/),
    townshipCode: z.string().regex(/^\d{9}$/),
    position: LonLat,
  })
  .refine((r) => (r.status === 'settled') === (r.settledAt !== null), {
    path: ['settledAt'],
    error: 'settledAt is set exactly when status is settled',
  })
  .refine((r) => r.settledAt === null || Date.parse(r.settledAt) >= Date.parse(r.time), {
    path: ['settledAt'],
    error: 'a report cannot be settled before it was made',
  });
export type HazardReport = z.infer<typeof HazardReport>;

export const HiddenHazardLevel = z.enum(['major', 'general']);
export type HiddenHazardLevel = z.infer<typeof HiddenHazardLevel>;

/** A hidden danger (隐患) found by investigation; rectified or closed counts as rectified. */
export const HiddenHazard = z.object({
  id: EntityId,
  category: ReportCategory,
  level: HiddenHazardLevel,
  status: HazardStatus,
  reportedAt: DateTime,
  deadline: DateOnly,
  rectifiedAt: DateTime.nullable(),
  countyCode: z.string().regex(/^\d{6}$/),
  townshipCode: z.string().regex(/^\d{9}$/),
  position: LonLat,
  /** The grid member who reported it (live reports; the history does not keep it). */
  reportedBy: EntityId.optional(),
  /** What the grid member saw, and what was decided since. */
  note: z.string().max(500).optional(),
  /** Made by the exercise (演练), not reported by a person. */
  exercise: z.boolean().optional(),
});
export type HiddenHazard = z.infer<typeof HiddenHazard>;

/** Still to be rectified: the statuses a deadline applies to. */
export const OPEN_HAZARD: ReadonlySet<HazardStatus> = new Set([
  'reported',
  'verified',
  'rectification_assigned',
]);

/** Open and past its deadline (`today` is a China-time YYYY-MM-DD). */
export function isHazardOverdue(
  h: Pick<HiddenHazard, 'status' | 'deadline'>,
  today: string,
): boolean {
  return OPEN_HAZARD.has(h.status) && h.deadline < today;
}

/**
 * Where a hidden hazard may go from each status. A report found to be false is closed from
 * `reported`; a rectification that fails re-inspection goes back to `rectification_assigned`.
 */
export const HAZARD_NEXT: Readonly<Record<HazardStatus, readonly HazardStatus[]>> = {
  reported: ['verified', 'closed'],
  verified: ['rectification_assigned'],
  rectification_assigned: ['rectified'],
  rectified: ['closed', 'rectification_assigned'],
  closed: [],
};

/** Hidden-hazard figures of one township: the KPIs the console shows per township and county. */
export interface HazardTally {
  /** Hidden hazards found (investigated) and how many of them are rectified or closed. */
  investigated: number;
  rectified: number;
  /** Open now, and open past the deadline. */
  open: number;
  overdue: number;
  /** Grid members' reports and how many are settled (the settlement rate's parts). */
  reports: number;
  settled: number;
}

export const emptyTally = (): HazardTally => ({
  investigated: 0,
  rectified: 0,
  open: 0,
  overdue: 0,
  reports: 0,
  settled: 0,
});

/** `GET /api/scenarios/{id}/stats/hazards` (its schema is with the read API's answers). */
export type HazardStats = z.infer<typeof HazardStatsAnswer>;
