import { deflateRaw, inflateRawSync } from 'node:zlib';
import { promisify } from 'node:util';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import { SNAPSHOT_VERSION, type LiveSnapshot } from './live-state.ts';

/**
 * A checkpoint of one scenario's live state in the event log: replaying from the newest one
 * before a moment (instead of from the log's first event) keeps start-up and history replay
 * proportional to the events since the checkpoint, not to the log's age.
 */
export interface Checkpoint {
  scenario: ScenarioId;
  /** The last event the state includes. */
  seq: number;
  /** That event's time (ms): replays to a moment start from the newest checkpoint before it. */
  timeMs: number;
  version: number;
  /** The snapshot as deflated JSON (the fastest level: a state still shrinks about tenfold). */
  body: Buffer;
}

/** Events of a scenario between checkpoints, by default. */
export const CHECKPOINT_EVERY = 10_000;

const deflate = promisify(deflateRaw);

export async function encodeCheckpoint(
  scenario: ScenarioId,
  snap: LiveSnapshot,
  timeMs: number,
): Promise<Checkpoint> {
  // Serialised now (the state moves on); compressed off the event loop.
  const json = JSON.stringify(snap);
  return {
    scenario,
    seq: snap.seq,
    timeMs,
    version: snap.v,
    body: await deflate(json, { level: 1 }),
  };
}

/** The snapshot in a checkpoint; throws when it is damaged or from another version. */
export function decodeCheckpoint(c: Checkpoint): LiveSnapshot {
  if (c.version !== SNAPSHOT_VERSION) throw new Error(`checkpoint version ${c.version}`);
  const snap = JSON.parse(inflateRawSync(c.body).toString('utf8')) as LiveSnapshot;
  if (snap.v !== SNAPSHOT_VERSION || snap.seq !== c.seq || !Array.isArray(snap.incidents))
    throw new Error(`checkpoint ${c.scenario}@${c.seq} does not hold a live state`);
  return snap;
}
