import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import {
  parseFeedEvent,
  type Ack,
  type FeedEvent,
  type FeedSubscribed,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { LoadedCollection } from '../data/collections.ts';
import { applyEvent, collectionOfEvent } from './apply-event.ts';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'stale';

export interface FeedState {
  status: FeedStatus;
  /** When the feed was last known good (ms); the banner says "stale since". */
  since: number;
  /** Events caught up after the last reconnection. */
  replayed: number;
  /** The feed is a simulation: show the exercise watermark. */
  exercise: boolean;
  lastSeq: number;
  /** Events refused by the contract (a gateway/client mismatch). */
  rejected: number;
}

/** Without a connection for this long, the picture is declared stale. */
export const STALE_AFTER_MS = 10_000;

const LIVE = ['incidents', 'warnings', 'teams', 'shelters'] as const;

/**
 * The browser end of the feed: follows one scenario, applies its events to the cached
 * collections once per animation frame, closes holes in the sequence from the gateway's log,
 * and after a reconnection replays what was missed or refetches the snapshots. Never shows
 * old data as live: the state says when it went stale.
 */
export class FeedClient {
  private socket: Socket | null = null;
  private state: FeedState = {
    status: 'connecting',
    since: Date.now(),
    replayed: 0,
    exercise: false,
    lastSeq: 0,
    rejected: 0,
  };
  private readonly listeners = new Set<() => void>();
  private queue: FeedEvent[] = [];
  private frame = 0;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private filling = false;

  constructor(
    private readonly scenario: ScenarioId,
    private readonly queries: QueryClient,
  ) {}

  getState = (): FeedState => this.state;

  /** The socket lives while someone listens: connected on the first subscriber, closed after the last. */
  subscribeState = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.socket) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  private start(): void {
    const socket = io({ transports: ['websocket'], reconnectionDelayMax: 5_000 });
    socket.on('connect', () => void this.subscribe(socket));
    socket.on('disconnect', () => {
      this.set({ status: 'reconnecting', since: Date.now() });
      clearTimeout(this.staleTimer);
      this.staleTimer = setTimeout(() => this.set({ status: 'stale' }), STALE_AFTER_MS);
    });
    socket.on('feed:event', (raw: unknown) => this.receive(raw));
    this.socket = socket;
    // A tab woken from the background may have missed events its socket never reported lost.
    document.addEventListener('visibilitychange', this.onVisible);
  }

  private stop(): void {
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.staleTimer);
    cancelAnimationFrame(this.frame);
    this.socket?.close();
    this.socket = null;
  }

  private onVisible = () => {
    if (document.visibilityState === 'visible' && this.socket?.connected)
      void this.subscribe(this.socket);
  };

  private set(patch: Partial<FeedState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private async subscribe(socket: Socket): Promise<void> {
    const since = this.state.lastSeq;
    const ack = (await socket.emitWithAck('feed:subscribe', {
      scenario: this.scenario,
      ...(since > 0 ? { sinceSeq: since } : {}),
    })) as Ack<FeedSubscribed>;
    if (!ack.ok) {
      this.set({ status: 'stale' });
      return;
    }
    clearTimeout(this.staleTimer);
    const { seq, replay, resync, exercise } = ack.data;
    if (since === 0 || resync) {
      // First contact, or a gap older than the gateway keeps: fresh snapshots, then follow.
      for (const c of LIVE)
        void this.queries.invalidateQueries({ queryKey: ['collection', this.scenario, c] });
      this.set({ status: 'live', since: Date.now(), exercise, lastSeq: seq, replayed: 0 });
      return;
    }
    let replayed = 0;
    for (const raw of replay) if (this.enqueue(raw)) replayed++;
    this.set({
      status: 'live',
      since: Date.now(),
      exercise,
      replayed,
      lastSeq: Math.max(this.state.lastSeq, seq),
    });
  }

  private receive(raw: unknown): void {
    const prev = (raw as { prev?: unknown }).prev;
    const parsedSeq = (raw as { seq?: unknown }).seq;
    if (
      typeof prev === 'number' &&
      typeof parsedSeq === 'number' &&
      prev > this.state.lastSeq &&
      !this.filling
    ) {
      void this.fill(this.state.lastSeq);
    }
    this.enqueue(raw);
  }

  /** Fetches the scenario's events after `after` from the log and applies them. */
  private async fill(after: number): Promise<void> {
    this.filling = true;
    try {
      const res = await fetch(`/api/scenarios/${this.scenario}/events?after=${after}&limit=5000`);
      if (!res.ok) {
        for (const c of LIVE)
          void this.queries.invalidateQueries({ queryKey: ['collection', this.scenario, c] });
        return;
      }
      const body = (await res.json()) as { events: unknown[] };
      for (const e of body.events) this.enqueue(e);
    } finally {
      this.filling = false;
    }
  }

  /** Validates and queues one event for the next frame; false if refused or already seen. */
  private enqueue(raw: unknown): boolean {
    const parsed = parseFeedEvent(raw);
    if (!parsed.ok) {
      this.set({ rejected: this.state.rejected + 1 });
      console.warn(`feed event refused: ${parsed.error}`);
      return false;
    }
    if (parsed.value.scenario !== this.scenario) return false;
    this.queue.push(parsed.value);
    if (parsed.value.seq > this.state.lastSeq)
      this.state = { ...this.state, lastSeq: parsed.value.seq };
    if (!this.frame) this.frame = requestAnimationFrame(this.flush);
    return true;
  }

  /** Applies queued events in seq order, one cache update per collection per frame. */
  private flush = () => {
    this.frame = 0;
    const events = this.queue.sort((a, b) => a.seq - b.seq);
    this.queue = [];
    for (const c of LIVE) {
      const mine = events.filter((e) => collectionOfEvent(e.type) === c);
      if (mine.length === 0) continue;
      this.queries.setQueryData<LoadedCollection<typeof c>>(
        ['collection', this.scenario, c],
        (old) => {
          if (!old) return old;
          let next = old;
          for (const e of mine) next = applyEvent(next, c, e);
          return next;
        },
      );
    }
    for (const l of this.listeners) l();
  };
}
