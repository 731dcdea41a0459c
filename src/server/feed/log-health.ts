import type { LogHealth } from '../../shared/protocol/index.ts';
import type { Rejections } from '../metrics.ts';
import { isLogFull, type EventStore } from './event-store.ts';

/** How often a full log is tried again. */
export const PROBE_EVERY_MS = 5_000;

/**
 * Whether the event log takes writes. A write refused for want of space turns it full: every
 * console is told (an alarm, not a log line nobody reads), room is made where it can be, and a
 * write is tried every few seconds; the first write that succeeds — the probe's or a
 * command's — turns it writable again and the consoles are told. Other store errors (Redis
 * away) are not this: they are answered per command.
 */
export class LogHealthMonitor {
  private state: LogHealth = { writable: true, since: new Date().toISOString() };
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<(h: LogHealth) => void>();
  private makeRoom: () => Promise<unknown> = () => Promise.resolve();

  constructor(
    private readonly store: Pick<EventStore, 'probe'>,
    private readonly rejections: Rejections,
    private readonly probeMs = PROBE_EVERY_MS,
  ) {}

  get current(): LogHealth {
    return this.state;
  }

  get writable(): boolean {
    return this.state.writable;
  }

  /** Called with every change (the consoles' broadcast, the retention's room-making). */
  onChange(listener: (h: LogHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * What frees room in the log by itself (retention): run when it turns full and before each
   * probe while it stays full — a log full of today's telemetry has room once some of it ages.
   */
  whileFull(makeRoom: () => Promise<unknown>): void {
    this.makeRoom = makeRoom;
  }

  /** A write failed: if for want of space, the log is full. */
  failed(error: unknown): void {
    if (!isLogFull(error)) return;
    this.rejections.count('store', 'log full');
    if (!this.state.writable) return;
    this.set({ writable: false, since: new Date().toISOString(), reason: error.message });
    void this.makeRoom();
    this.timer = setInterval(() => void this.probe(), this.probeMs);
    this.timer.unref();
  }

  /** A write succeeded. */
  succeeded(): void {
    if (this.state.writable) return;
    clearInterval(this.timer);
    this.set({ writable: true, since: new Date().toISOString() });
  }

  /** Runs `write`, noting whether the log took it. */
  async guard<T>(write: () => Promise<T>): Promise<T> {
    try {
      const done = await write();
      this.succeeded();
      return done;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async probe(): Promise<void> {
    try {
      await this.makeRoom();
      if (this.state.writable) return;
      await this.store.probe();
      this.succeeded();
    } catch {
      // Still full (or away): the next probe tries again.
    }
  }

  private set(next: LogHealth): void {
    this.state = next;
    for (const l of this.listeners) l(next);
  }
}
