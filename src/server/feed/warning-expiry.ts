import type { Fence } from './event-store.ts';
import type { FeedHub } from './feed-hub.ts';

/**
 * Warnings leave the picture at their CAP `expires`: every few seconds the warnings past it are
 * withdrawn by a `warning:expire` event, so the log (and a replay) shows when each one left. On a
 * scaled-out gateway one node sweeps at a time (it holds a lease); a second event for a warning
 * already gone changes nothing.
 */
export class WarningExpiry {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly expiring = new Set<string>();
  private fence: Fence | undefined;

  constructor(
    private readonly hub: FeedHub,
    private readonly onError: (e: unknown) => void,
    private readonly everyMs = 5_000,
  ) {}

  /** Sweeps while `on` (a lease's holder sweeps), under the lease `fence` (see EventStore.append). */
  run(on: boolean, fence?: Fence): void {
    this.fence = fence;
    if (on && !this.timer) {
      this.timer = setInterval(() => void this.sweep().catch(this.onError), this.everyMs);
      this.timer.unref();
      void this.sweep().catch(this.onError);
    } else if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  async sweep(now = Date.now()): Promise<number> {
    let n = 0;
    for (const [scenario, live] of this.hub.live)
      for (const w of [...live.warnings.values()]) {
        const key = `${scenario}/${w.identifier}`;
        if (Date.parse(w.expires) > now || this.expiring.has(key)) continue;
        this.expiring.add(key);
        try {
          const r = await this.hub.publish(
            scenario,
            'warning:expire',
            { identifier: w.identifier },
            'feed',
            { fence: this.fence },
          );
          if (r.ok) n++;
        } finally {
          this.expiring.delete(key);
        }
      }
    return n;
  }
}
