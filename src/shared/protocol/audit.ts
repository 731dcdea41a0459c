import { z } from 'zod';
import { ScenarioId } from './common.ts';
import { Role } from './commands.ts';

/**
 * Who did it: a person's role, an ingest key, an RTU, the gateway's own 水雨情 rules or 叫应 desk,
 * or a called person answering through their link or a key press (`callee`).
 */
export const AuditRole = z.union([
  Role,
  z.literal('api_key'),
  z.literal('rtu'),
  z.literal('rules'),
  z.literal('callout'),
  z.literal('callee'),
  z.literal('checkin'),
]);
export type AuditRole = z.infer<typeof AuditRole>;

/**
 * One line of the audit log: every command, done or refused — who, in which role, when, what,
 * on what, the state before and after, and the reason given. Append-only.
 */
export const AuditEntry = z.object({
  id: z.number().int().positive(),
  time: z.string(),
  subject: z.string(),
  role: AuditRole,
  command: z.string(),
  scenario: ScenarioId.nullable(),
  target: z.string().nullable(),
  outcome: z.enum(['done', 'refused']),
  /** The refusal's reason, or what was done. */
  detail: z.string(),
  /** The reason the person gave (closing, reopening ...). */
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** The event the command caused. */
  seq: z.number().int().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** Filters of `GET /api/audit`. */
export const AuditQuery = z.object({
  command: z.string().max(60).optional(),
  subject: z.string().max(60).optional(),
  outcome: z.enum(['done', 'refused']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
