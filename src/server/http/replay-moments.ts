/** Rebuilds of a moment running at once, beyond which a replay is answered "busy" (429). */
export const REPLAY_CONCURRENCY = 2;
/** Moments kept, newest used last out. */
const CACHED = 32;
/** A moment this close to now may still gain events (appends in flight): not cached yet. */
const SETTLE_MS = 5_000;

export type MomentKey = { scenario: string; atMs: number; logId: string; data: string };

/**
 * The state at a moment, shared: `/replay?at=` rebuilds a scenario from its newest checkpoint and
 * the log after it, which costs a fold of up to a checkpoint's worth of events. A briefing's
 * twenty consoles asking for the same moment get one fold (the same promise while it runs, the
 * cached answer after — a settled past does not change, and another log or data version is
 * another key); past REPLAY_CONCURRENCY distinct folds at once a request is told to come back,
 * so replays cannot take the event loop from the live feed.
 */
export class ReplayMoments<T> {
  private readonly cache = new Map<string, T>();
  private readonly running = new Map<string, Promise<T>>();
  hits = 0;

  constructor(
    private readonly rebuild: (scenario: string, atMs: number) => Promise<T>,
    private readonly now: () => number = Date.now,
    private readonly concurrency = REPLAY_CONCURRENCY,
  ) {}

  /** The answer for the moment, or 'busy' when too many others are being rebuilt. */
  async get(k: MomentKey): Promise<T | 'busy'> {
    // Exact to the millisecond, as a fold of the log is: consoles following one briefing ask
    // for the same moment.
    const { atMs } = k;
    const key = `${k.logId}\u0000${k.data}\u0000${k.scenario}\u0000${atMs}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.hits++;
      // Refreshed as the most recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const running = this.running.get(key);
    if (running) {
      this.hits++;
      return running;
    }
    if (this.running.size >= this.concurrency) return 'busy';
    const rebuilt = this.rebuild(k.scenario, atMs);
    this.running.set(key, rebuilt);
    try {
      const answer = await rebuilt;
      if (atMs <= this.now() - SETTLE_MS) {
        this.cache.set(key, answer);
        const oldest = this.cache.keys().next();
        if (this.cache.size > CACHED && !oldest.done) this.cache.delete(oldest.value);
      }
      return answer;
    } finally {
      this.running.delete(key);
    }
  }
}
