import type { QueryClient } from '@tanstack/react-query';
import {
  EVENT_TARGET,
  FeedSequencer,
  type LiveTarget,
  type SequencerStep,
} from '../../shared/live/index.ts';
import {
  decodePositionFrame,
  LogHealth,
  type Ack,
  type FeedEvent,
  type FeedSubscribed,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { fetchScenarioEvents } from '../api/live-reads.ts';
import { applyToCaches, LIVE_CACHES, LIVE_TARGETS, liveKeys } from '../data/live-caches.ts';
import type { ConsoleSocket } from './commands.ts';
import { openFeedSocket } from './feed-socket.ts';
import { positionStores } from './position-store.ts';

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
  /**
   * When the picture was last rebuilt because the gateway's log is not the one followed (a
   * backup restored, the log replaced or behind): the banner says so for a while.
   */
  rebuiltAt: number | null;
  /**
   * Since when the gateway's event log has refused writes for want of space (ms), or null while
   * it takes them: the console raises an alarm — commands fail until it is cleared.
   */
  logFullSince: number | null;
}

/** How long the banner says the picture was rebuilt from a restored log. */
export const REBUILT_NOTICE_MS = 120_000;

/** Without a connection for this long, the picture is declared stale. */
export const STALE_AFTER_MS = 10_000;

const RECENT = 2_000;

/**
 * Queued events are applied on the next animation frame, or after this long when no frame comes
 * (a hidden or occluded tab draws none: its queue must not grow for days).
 */
const FLUSH_FALLBACK_MS = 250;
/** A fill from the log that takes longer than this is given up and retried by a resync. */
const FILL_TIMEOUT_MS = 10_000;
/** A refused or failed subscription is tried again after this, doubling up to a minute. */
const RESUBSCRIBE_MS = 1_000;
const RESUBSCRIBE_MAX_MS = 60_000;
/** How long a subscription may wait for its answer. */
const SUBSCRIBE_TIMEOUT_MS = 15_000;

/**
 * The browser end of the feed: follows one scenario, puts its events in order (the sequencer),
 * applies them to the cached live state once per animation frame (the shared reducer, through
 * `applyToCaches`), and tells the queries that name feed events in `meta.staleOn` to ask again.
 * Never shows old data as live: the state says when it went stale.
 */
export class FeedClient {
  private connection: { socket: ConsoleSocket; close: () => void } | null = null;
  private state: FeedState = {
    status: 'connecting',
    since: Date.now(),
    replayed: 0,
    exercise: false,
    lastSeq: 0,
    rejected: 0,
    rebuiltAt: null,
    logFullSince: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly sequencer: FeedSequencer;
  private queue: FeedEvent[] = [];
  private frame = 0;
  private fallback: ReturnType<typeof setTimeout> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retryMs = RESUBSCRIBE_MS;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last events applied, to re-apply over a snapshot that arrives older than them. */
  private recent: FeedEvent[] = [];
  private unwatch: (() => void) | null = null;

  constructor(
    private readonly scenario: ScenarioId,
    private readonly queries: QueryClient,
  ) {
    this.sequencer = new FeedSequencer(scenario);
  }

  getState = (): FeedState => this.state;

  /** The socket lives while someone listens: connected on the first subscriber, closed after the last. */
  subscribeState = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.connection) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  private start(): void {
    const connection = openFeedSocket();
    const { socket } = connection;
    socket.on('connect', () => {
      // A gateway whose log is still full says so right after the connection.
      if (this.state.logFullSince !== null) this.set({ logFullSince: null });
      void this.subscribe(socket);
    });
    socket.on('log:health', (raw: unknown) => {
      const health = LogHealth.safeParse(raw);
      if (!health.success) this.set({ rejected: this.state.rejected + 1 });
      else
        this.set({
          logFullSince: health.data.writable ? null : Date.parse(health.data.since),
        });
    });
    socket.on('disconnect', () => {
      this.set({ status: 'reconnecting', since: Date.now() });
      clearTimeout(this.staleTimer);
      this.staleTimer = setTimeout(() => this.set({ status: 'stale' }), STALE_AFTER_MS);
    });
    socket.on('feed:batch', (raw: unknown) => {
      if (Array.isArray(raw)) for (const e of raw) this.take(this.sequencer.receive(e));
    });
    // The gateway's log went back under it and its state was rebuilt: subscribe again (the
    // answer says what we hold is void).
    socket.on('feed:rewound', () => void this.subscribe(socket));
    // An import made a new version of this jurisdiction's data live: read all of it again (its
    // collections and manifest); events applied meanwhile are re-applied over the new snapshots.
    socket.on('scenario:version', (raw: unknown) => {
      if ((raw as { scenario?: unknown } | null)?.scenario !== this.scenario) return;
      void this.queries.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'scenarios' || q.queryKey.includes(this.scenario),
      });
    });
    socket.on('positions:frame', (raw: unknown) => {
      const decoded = decodePositionFrame(raw);
      if (decoded.ok && decoded.frame.scenario === this.scenario)
        positionStores.apply(decoded.frame);
      else this.set({ rejected: this.state.rejected + 1 });
    });
    this.connection = connection;
    const keys = liveKeys(this.scenario, 'live');
    this.unwatch = this.queries.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual)
        return;
      const target = keys.get(event.query.queryHash);
      // A snapshot that arrives after newer events were applied to the old data would drop
      // them: apply the recent ones above its seq again (the cache skips what it holds).
      if (target) applyToCaches(this.queries, this.scenario, this.recentOf(target), 'live');
    });
    // A tab woken from the background may have missed events its socket never reported lost.
    document.addEventListener('visibilitychange', this.onVisible);
  }

  private stop(): void {
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.staleTimer);
    cancelAnimationFrame(this.frame);
    clearTimeout(this.fallback);
    clearTimeout(this.retry);
    this.connection?.close();
    this.connection = null;
    this.unwatch?.();
    this.unwatch = null;
  }

  private onVisible = () => {
    const socket = this.connection?.socket;
    if (document.visibilityState === 'visible' && socket?.connected) void this.subscribe(socket);
  };

  private set(patch: Partial<FeedState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private async subscribe(socket: ConsoleSocket): Promise<void> {
    clearTimeout(this.retry);
    const since = this.sequencer.subscribing();
    // An answer that never comes is a failure too (a gateway wedged mid-subscription).
    const asked = socket.timeout(SUBSCRIBE_TIMEOUT_MS).emitWithAck('feed:subscribe', {
      scenario: this.scenario,
      ...(since > 0 ? { sinceSeq: since, ...this.sequencer.resume } : {}),
    }) as Promise<Ack<FeedSubscribed>>;
    const ack = await asked.catch(
      (e: unknown): Ack<FeedSubscribed> => ({ ok: false, error: (e as Error).message }),
    );
    if (!ack.ok) {
      this.take(this.sequencer.refusedSubscription());
      this.set({ status: 'stale' });
      // Tried again, later and later, while the socket stays up (a reconnection subscribes anew).
      this.retry = setTimeout(() => {
        if (socket.connected) void this.subscribe(socket);
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RESUBSCRIBE_MAX_MS);
      return;
    }
    this.retryMs = RESUBSCRIBE_MS;
    clearTimeout(this.staleTimer);
    const done = this.take(this.sequencer.subscribed(ack.data));
    this.set({
      status: 'live',
      since: Date.now(),
      exercise: ack.data.exercise,
      replayed: done.resync ? 0 : done.events.length,
    });
  }

  /** Acts on what the sequencer decided: queue events, fill a hole, or refetch snapshots. */
  private take(step: SequencerStep): SequencerStep {
    for (const reason of step.refused) console.warn(`feed event refused: ${reason}`);
    if (step.refused.length > 0) this.set({ rejected: this.state.rejected + step.refused.length });
    if (step.rewound) {
      // Nothing applied so far belongs to the log the gateway has now: no event of it is
      // applied again over the new snapshots, and the user is told the picture was rebuilt.
      this.queue = [];
      this.recent = [];
      this.set({ rebuiltAt: Date.now(), lastSeq: this.sequencer.lastSeq });
    }
    if (step.events.length > 0) {
      this.queue.push(...step.events);
      this.recent.push(...step.events);
      if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
      this.state = { ...this.state, lastSeq: this.sequencer.lastSeq };
      if (!this.frame) {
        this.frame = requestAnimationFrame(this.flush);
        this.fallback = setTimeout(this.flush, FLUSH_FALLBACK_MS);
      }
    }
    if (step.fill !== null) void this.fill(step.fill);
    if (step.resync) this.refetchSnapshots();
    return step;
  }

  /** Fetches the scenario's events after `after` from the log, then lets held events through. */
  private async fill(after: number): Promise<void> {
    try {
      const answer = await fetchScenarioEvents(
        this.scenario,
        after,
        AbortSignal.timeout(FILL_TIMEOUT_MS),
      );
      const step = this.take(this.sequencer.filled(answer.events, answer.logId));
      // Another log: subscribe again as on first contact.
      const socket = this.connection?.socket;
      if (step.rewound && socket?.connected) void this.subscribe(socket);
    } catch {
      this.take(this.sequencer.fillFailed());
    }
  }

  private refetchSnapshots(): void {
    for (const t of LIVE_TARGETS) {
      const queryKey = LIVE_CACHES[t].key(this.scenario, 'live');
      if (queryKey) void this.queries.invalidateQueries({ queryKey });
    }
  }

  private recentOf(target: LiveTarget): FeedEvent[] {
    return this.recent.filter((e) => EVENT_TARGET[e.type] === target);
  }

  /** Applies queued events, one cache write per target per frame; then stale derived queries. */
  private flush = () => {
    // Whichever comes first, the frame or the timer: the other does nothing.
    cancelAnimationFrame(this.frame);
    clearTimeout(this.fallback);
    this.frame = 0;
    const events = this.queue;
    this.queue = [];
    applyToCaches(this.queries, this.scenario, events, 'live');
    for (const query of this.queries.getQueryCache().getAll()) {
      const staleOn = query.meta?.staleOn;
      if (staleOn && query.queryKey[1] === this.scenario && events.some(staleOn))
        void this.queries.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
    for (const l of this.listeners) l();
  };
}
