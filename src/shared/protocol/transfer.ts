import { z } from 'zod';
import { DateTime, EntityId, ScenarioId } from './common.ts';

/** Where a village's transfer stands (应转尽转: everyone who must move has moved). */
export const TransferStatus = z.enum(['planned', 'notified', 'moving', 'arrived', 'sheltered'], {
  error: 'transfer status must be planned, notified, moving, arrived or sheltered',
});
export type TransferStatus = z.infer<typeof TransferStatus>;

export const PlanAssignment = z.object({
  village: z.string().regex(/^\d{12}$/),
  shelter: EntityId,
  people: z.number().int().positive(),
  vulnerable: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
});
export type PlanAssignment = z.infer<typeof PlanAssignment>;

/** What a planner publishes (the gateway adds id, version, time and author). */
export const PlanDraft = z.object({
  scenario: ScenarioId,
  hazardId: z.string().min(1).max(200),
  hazardName: z.string().min(1).max(200),
  assignments: z
    .array(PlanAssignment)
    .min(1, { error: 'a plan needs at least one assignment' })
    .max(20_000),
  unplaced: z
    .array(z.object({ village: z.string().regex(/^\d{12}$/), people: z.number().int().positive() }))
    .max(5_000),
});
export type PlanDraft = z.infer<typeof PlanDraft>;

/** A published plan: every console sees the same version. */
export const TransferPlan = PlanDraft.extend({
  id: EntityId,
  version: z.number().int().positive(),
  publishedAt: DateTime,
  /** Who published it; absent for a reader not cleared to see people. */
  publishedBy: z.string().optional(),
});
export type TransferPlan = z.infer<typeof TransferPlan>;

/** One village's progress in the current plan. */
export const TransferProgress = z.object({
  planId: EntityId,
  village: z.string().regex(/^\d{12}$/),
  status: TransferStatus,
  /** People who have reached a shelter so far. */
  moved: z.number().int().nonnegative(),
  at: DateTime,
});
export type TransferProgress = z.infer<typeof TransferProgress>;

/** Minutes each step is expected to take at most before a village counts as behind schedule. */
export const TRANSFER_SCHEDULE_MIN = { notify: 30, depart: 60, margin: 30 } as const;
