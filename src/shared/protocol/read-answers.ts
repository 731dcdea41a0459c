import { z } from 'zod';
import { AuditEntry } from './audit.ts';
import { BriefingScene, BriefingView } from './briefing.ts';
import { DateTime, ScenarioId } from './common.ts';
import { TransferPlan, TransferProgress } from './transfer.ts';
import { WallState } from './wall.ts';

/**
 * The read API's answers that the console parses, one schema each, so the gateway's answer and
 * the console's reading of it cannot drift. Events inside answers stay `unknown` here: the
 * console's sequencer parses each with `parseFeedEvent` and counts a bad one.
 */

const Seq = z.number().int().nonnegative();

/** `GET /api/scenarios/{id}/plans/current` */
export const PlanInForceAnswer = z.object({
  seq: Seq,
  plan: TransferPlan.nullable(),
  progress: TransferProgress.array(),
});

/** `GET /api/scenarios/{id}/wall` */
export const WallAnswer = z.object({ seq: Seq, wall: WallState });

/** `GET /api/scenarios/{id}/briefing` */
export const BriefingAnswer = z.object({
  seq: Seq,
  briefing: BriefingView.nullable(),
  scenes: BriefingScene.array(),
});

/** `GET /api/scenarios/{id}/events?after=` — the log after a seq (how a hole is filled). */
/** A scenario's events from the log (a client filling a hole), and which log they are from. */
export const EventsAnswer = z.object({
  seq: Seq,
  logId: z.string(),
  events: z.array(z.unknown()),
});

const Tally = z.object({
  investigated: z.number().int(),
  rectified: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  reports: z.number().int(),
  settled: z.number().int(),
});

/** `GET /api/scenarios/{id}/stats/hazards` */
export const HazardStatsAnswer = z.object({
  scenario: ScenarioId,
  /** The live state these figures reflect. */
  seq: Seq,
  today: z.string(),
  byTownship: z.record(z.string(), Tally),
});

/** `GET /api/scenarios/{id}/stats/reports` */
export const ReportStatsAnswer = z.object({
  byTownship: z.record(
    z.string(),
    z.object({ total: z.number().int(), settled: z.number().int() }),
  ),
});

/** `GET /api/scenarios/{id}/replay/range` — how far back the log goes. */
export const ReplayRangeAnswer = z.object({ from: DateTime.nullable(), to: DateTime });

/** `GET /api/scenarios/{id}/replay?at=` — the live collections as they stood then. */
export const ReplayMomentAnswer = z.object({
  at: DateTime,
  seq: Seq,
  collections: z.record(z.string(), z.array(z.unknown())),
  plan: TransferPlan.nullable(),
  progress: TransferProgress.array(),
});

/** `GET /api/scenarios/{id}/replay/events` — one window of the log. */
export const ReplayEventsAnswer = z.object({ events: z.array(z.unknown()), more: z.boolean() });

/** `GET /api/audit` */
export const AuditAnswer = z.object({ entries: AuditEntry.array() });

/** `POST /api/scenarios/{id}/plans` */
export const PlanPublished = z.object({ version: z.number().int().positive() });

/** What the gateway may put in an answer (checked with `satisfies` where it answers). */
export type Answer<S extends z.ZodType> = z.input<S>;
