import { z } from 'zod';
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
});
export type HiddenHazard = z.infer<typeof HiddenHazard>;
