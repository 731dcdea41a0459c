import { z } from 'zod';
import { ScenarioId } from './common.ts';

/** Every command is acknowledged with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

/** `feed:subscribe` — join a scenario's live feed; `sinceSeq` asks for what was missed. */
export const FeedSubscribe = z.object({
  scenario: ScenarioId,
  sinceSeq: z.number().int().nonnegative().optional(),
});
export type FeedSubscribe = z.infer<typeof FeedSubscribe>;

export interface FeedSubscribed {
  scenario: ScenarioId;
  /** Sequence number of the newest event the gateway holds (global across scenarios). */
  seq: number;
  /** True while the feed is a simulation: the UI shows the 演练 / EXERCISE watermark. */
  exercise: boolean;
  /** The scenario's events after `sinceSeq`, when the log still holds them all. */
  replay: unknown[];
  /** The gap is older than the log: refetch the snapshots, then follow from `seq`. */
  resync: boolean;
}
