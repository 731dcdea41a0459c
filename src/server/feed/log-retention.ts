import type { Compacted, EventStore, RetentionPolicy } from './event-store.ts';
import { COMMAND_WINDOW_MS } from './event-store.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * What the log keeps, by age. Today's telemetry is kept whole (the replay of the last hours
 * shows every fix); a team's track older than a day is worth one fix a minute, which is still a
 * readable line at any zoom a briefing uses. Checkpoints only speed replay up: an hourly one is
 * plenty for last week and a daily one for last year. Every other event is kept for ever — the
 * log is the record of what was done.
 */
export const DEFAULT_RETENTION: RetentionPolicy = {
  telemetryAfterMs: DAY,
  telemetryEveryMs: 60_000,
  hourlyCheckpointsAfterMs: DAY,
  dailyCheckpointsAfterMs: 7 * DAY,
  commandsAfterMs: COMMAND_WINDOW_MS,
};

/** How often a pass runs, by default: small passes, so none holds the event loop for long. */
export const RETENTION_EVERY_MS = 10 * 60_000;

/** A checkpoint as the thinning sees it. */
export interface CheckpointRef {
  version: number;
  seq: number;
  timeMs: number;
}

/**
 * The checkpoints to drop: past `hourlyCheckpointsAfterMs` all but the newest of each hour, past
 * `dailyCheckpointsAfterMs` all but the newest of each day — per snapshot version, since one of
 * another version cannot stand in for it. Younger ones are all kept.
 */
export function checkpointsToDrop<T extends CheckpointRef>(
  refs: readonly T[],
  nowMs: number,
  policy: RetentionPolicy,
): T[] {
  const newest = new Map<string, T>();
  const drop: T[] = [];
  for (const r of refs) {
    const age = nowMs - r.timeMs;
    if (age <= policy.hourlyCheckpointsAfterMs) continue;
    const bucket =
      age > policy.dailyCheckpointsAfterMs
        ? `d${Math.floor(r.timeMs / DAY)}`
        : `h${Math.floor(r.timeMs / HOUR)}`;
    const key = `${r.version}:${bucket}`;
    const held = newest.get(key);
    if (!held) newest.set(key, r);
    else if (r.seq > held.seq) {
      drop.push(held);
      newest.set(key, r);
    } else drop.push(r);
  }
  return drop;
}

/**
 * Runs the store's retention passes: one soon after start, then every `everyMs`, and at once
 * when the log is found full (the oldest telemetry is the room it can make by itself). Passes
 * never overlap; a failed one is reported and the next tries again.
 */
export class LogRetention {
  private timer: ReturnType<typeof setInterval> | undefined;
  private first: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<Compacted | null> | null = null;
  /** Totals dropped since start, for /metrics. */
  readonly dropped: Compacted = { telemetry: 0, checkpoints: 0, commands: 0 };

  constructor(
    private readonly store: Pick<EventStore, 'compact'>,
    readonly policy: RetentionPolicy,
    private readonly onError: (e: Error) => void,
    /** Told what each pass dropped (the metrics). */
    private readonly onDropped: (done: Compacted) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  start(everyMs = RETENTION_EVERY_MS): void {
    if (!this.store.compact || everyMs <= 0) return;
    this.first = setTimeout(() => void this.run(), 1_000);
    this.first.unref();
    this.timer = setInterval(() => void this.run(), everyMs);
    this.timer.unref();
  }

  /** One pass now (or the one already running); what it dropped, null if it failed. */
  run(): Promise<Compacted | null> {
    if (this.running) return this.running;
    const compact = this.store.compact?.bind(this.store);
    if (!compact) return Promise.resolve(null);
    const pass = compact(this.policy, this.now())
      .then((done) => {
        this.dropped.telemetry += done.telemetry;
        this.dropped.checkpoints += done.checkpoints;
        this.dropped.commands += done.commands;
        this.onDropped(done);
        return done;
      })
      .catch((e: unknown) => {
        this.onError(e as Error);
        return null;
      })
      .finally(() => {
        this.running = null;
      });
    this.running = pass;
    return pass;
  }

  async stop(): Promise<void> {
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.running;
  }
}
