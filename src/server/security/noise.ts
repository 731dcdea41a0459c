import type { Rejections } from '../metrics.ts';

/** Distinct (channel, reason, source) triples kept per window; the rest are summed as "others". */
const MAX_KEYS = 500;

export interface NoiseLine {
  channel: string;
  reason: string;
  from: string;
  count: number;
}

/**
 * Refused attempts that do not deserve an audit row each — anonymous commands, invalid or
 * rate-limited messages, bad keys, refused handshakes: counted on /metrics at once, and summed per
 * source for a summary line in the gateway log once a window (the top offenders), so a flood costs
 * a bounded number of log lines and no disk in the append-only audit.
 */
export class Noise {
  private window = new Map<string, NoiseLine>();
  private others = 0;
  private readonly timer: ReturnType<typeof setInterval>;
  /** The last windows' summaries, newest last (for /api/health/details). */
  readonly recent: { at: string; total: number; top: NoiseLine[] }[] = [];

  constructor(
    private readonly rejections: Rejections,
    private readonly log: (summary: string) => void,
    windowMs = 60_000,
  ) {
    this.timer = setInterval(() => this.flush(), windowMs);
    this.timer.unref();
  }

  record(channel: string, reason: string, from: string): void {
    this.rejections.count(channel, reason);
    const key = `${channel}\u0000${reason}\u0000${from}`;
    const line = this.window.get(key);
    if (line) line.count++;
    else if (this.window.size < MAX_KEYS) this.window.set(key, { channel, reason, from, count: 1 });
    else this.others++;
  }

  /** Ends the window: one summary line if anything was refused in it. */
  flush(): void {
    const lines = [...this.window.values()].sort((a, b) => b.count - a.count);
    const total = lines.reduce((n, l) => n + l.count, 0) + this.others;
    this.window = new Map();
    this.others = 0;
    if (total === 0) return;
    const top = lines.slice(0, 10);
    this.recent.push({ at: new Date().toISOString(), total, top });
    if (this.recent.length > 60) this.recent.shift();
    this.log(
      `refused ${total} attempts in the last window; most from: ${top
        .map((l) => `${l.from} ${l.channel}/${l.reason} ×${l.count}`)
        .join('; ')}`,
    );
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
