import { z } from 'zod';
import { DateTime, EntityId } from './common.ts';
import { IncidentStatus } from './incident.ts';
import { TeamStatus } from './team.ts';

/** A line of an incident's dispatch log, derived from the feed's events. */
export const IncidentLogEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), seq: z.number(), time: DateTime, status: IncidentStatus }),
  z.object({ kind: z.literal('dispatch'), seq: z.number(), time: DateTime, teamId: EntityId }),
  z.object({
    kind: z.literal('team'),
    seq: z.number(),
    time: DateTime,
    teamId: EntityId,
    status: TeamStatus,
  }),
]);
export type IncidentLogEntry = z.infer<typeof IncidentLogEntry>;

/** The newest entries an incident's log keeps (a long incident's team shuffles stay bounded). */
export const MAX_LOG_ENTRIES = 100;
