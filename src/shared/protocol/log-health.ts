import { z } from 'zod';
import { DateTime } from './common.ts';

/**
 * Whether the gateway's event log takes writes (`log:health`, and in /api/health/details). A
 * full log — the disk, its EVENT_DB_MAX_MB ceiling or Redis's maxmemory — refuses every new
 * event with a reason; what it holds stays, and the consoles raise an alarm until it takes
 * writes again.
 */
export const LogHealth = z.object({
  writable: z.boolean(),
  /** Since when it has been as it is. */
  since: DateTime,
  /** Why it refuses writes (the store's own words). */
  reason: z.string().max(500).optional(),
});
export type LogHealth = z.infer<typeof LogHealth>;
