import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import {
  decodePositionFrame,
  parseFeedEvent,
  type Ack,
  type FeedEvent,
  type FeedSubscribed,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { LoadedCollection } from '../data/collections.ts';
import { applyEvent, collectionOfEvent } from './apply-event.ts';
import { apiFetch } from '../api/read-api.ts';
import { credential } from '../api/credential.ts';
import { session } from '../api/session.ts';
import { setCommandSocket } from './commands.ts';
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
}

/** Without a connection for this long, the picture is declared stale. */
export const STALE_AFTER_MS = 10_000;

const LIVE = ['incidents', 'warnings', 'teams', 'shelters', 'open-hazards'] as const;
const RECENT = 2_000;

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
  private holding = false;
  private held: unknown[] = [];
  /** The last events applied, to re-apply over a snapshot that arrives older than them. */
  private recent: FeedEvent[] = [];
  private unwatch: (() => void) | null = null;
  private unsession: (() => void) | null = null;

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
    // The token is read at every handshake, so signing in or out takes effect on reconnect.
    const socket = io({
      transports: ['websocket'],
      reconnectionDelayMax: 5_000,
      auth: (cb) => {
        const c = credential();
        cb(c ? { token: c } : {});
      },
    });
    setCommandSocket(socket);
    this.unsession = session.subscribe(() => {
      socket.disconnect();
      socket.connect();
    });
    socket.on('connect', () => void this.subscribe(socket));
    // The gateway ended the session (expiry) or refuses its token: sign out, so the console asks
    // for a sign-in rather than retrying with a token that will not work.
    const ended = () => {
      if (session.get()) session.signOut();
    };
    socket.on('session:expired', ended);
    socket.on('connect_error', (e) => {
      if (/^invalid token|^tokens are not accepted/.test(e.message)) ended();
    });
    socket.on('disconnect', () => {
      this.set({ status: 'reconnecting', since: Date.now() });
      clearTimeout(this.staleTimer);
      this.staleTimer = setTimeout(() => this.set({ status: 'stale' }), STALE_AFTER_MS);
    });
    socket.on('feed:batch', (raw: unknown) => {
      if (Array.isArray(raw)) for (const e of raw) this.receive(e);
    });
    socket.on('positions:frame', (raw: unknown) => {
      const decoded = decodePositionFrame(raw);
      if (decoded.ok && decoded.frame.scenario === this.scenario)
        positionStores.apply(decoded.frame);
      else this.set({ rejected: this.state.rejected + 1 });
    });
    this.socket = socket;
    this.unwatch = this.queries.getQueryCache().subscribe((event) => {
      const [kind, scenario, collection] = event.query.queryKey as [string, string, string];
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (kind !== 'collection' || scenario !== this.scenario) return;
      const live = LIVE.find((c) => c === collection);
      if (live && !event.action.manual)
        this.onSnapshot(live, event.action.data as LoadedCollection<typeof live>);
    });
    // A tab woken from the background may have missed events its socket never reported lost.
    document.addEventListener('visibilitychange', this.onVisible);
  }

  private stop(): void {
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.staleTimer);
    cancelAnimationFrame(this.frame);
    this.socket?.close();
    this.socket = null;
    setCommandSocket(null);
    this.unsession?.();
    this.unsession = null;
    this.unwatch?.();
    this.unwatch = null;
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
    // Hold live events until the acknowledgement: its replay must be applied first.
    this.holding = true;
    const ack = (await socket.emitWithAck('feed:subscribe', {
      scenario: this.scenario,
      ...(since > 0 ? { sinceSeq: since } : {}),
    })) as Ack<FeedSubscribed>;
    if (!ack.ok) {
      this.release([]);
      this.set({ status: 'stale' });
      return;
    }
    clearTimeout(this.staleTimer);
    const { seq, replay, resync, exercise } = ack.data;
    if (since === 0 || resync) {
      // First contact, or a gap older than the gateway keeps: fresh snapshots, then follow.
      this.state = { ...this.state, lastSeq: seq };
      this.release([]);
      this.refetchSnapshots();
      this.set({ status: 'live', since: Date.now(), exercise, replayed: 0 });
      return;
    }
    const replayed = this.release(replay);
    this.set({ status: 'live', since: Date.now(), exercise, replayed });
  }

  private receive(raw: unknown): void {
    if (this.holding) {
      this.held.push(raw);
      return;
    }
    const prev = (raw as { prev?: unknown }).prev;
    if (typeof prev === 'number' && this.state.lastSeq > 0 && prev > this.state.lastSeq) {
      // A hole in this scenario's sequence: hold what comes until the log has filled it.
      this.holding = true;
      this.held.push(raw);
      void this.fill(this.state.lastSeq);
      return;
    }
    this.enqueue(raw);
  }

  /** Fetches the scenario's events after `after` from the log, then lets held events through. */
  private async fill(after: number): Promise<void> {
    try {
      const res = await apiFetch(
        `/api/scenarios/${this.scenario}/events?after=${after}&limit=5000`,
      );
      if (!res.ok) throw new Error(`events: ${res.status}`);
      const body = (await res.json()) as { events: unknown[] };
      this.release(body.events);
    } catch {
      // The log no longer holds the gap (or the gateway is away): start again from snapshots.
      this.release([]);
      this.refetchSnapshots();
    }
  }

  /**
   * Applies `first` (replay or fill) and then everything held back, in seq order, each event
   * once; returns how many were new.
   */
  private release(first: unknown[]): number {
    const all = [...first, ...this.held];
    this.held = [];
    this.holding = false;
    const seqOf = (raw: unknown) => {
      const seq = (raw as { seq?: unknown }).seq;
      return typeof seq === 'number' ? seq : 0;
    };
    let added = 0;
    for (const raw of all.sort((a, b) => seqOf(a) - seqOf(b))) if (this.enqueue(raw)) added++;
    return added;
  }

  private refetchSnapshots(): void {
    for (const c of LIVE)
      void this.queries.invalidateQueries({ queryKey: ['collection', this.scenario, c] });
  }

  /** Validates and queues one event for the next frame; false if refused or already applied. */
  private enqueue(raw: unknown): boolean {
    const parsed = parseFeedEvent(raw);
    if (!parsed.ok) {
      this.set({ rejected: this.state.rejected + 1 });
      console.warn(`feed event refused: ${parsed.error}`);
      return false;
    }
    const e = parsed.value;
    if (e.scenario !== this.scenario || e.seq <= this.state.lastSeq) return false;
    this.state = { ...this.state, lastSeq: e.seq };
    this.queue.push(e);
    this.recent.push(e);
    if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
    if (!this.frame) this.frame = requestAnimationFrame(this.flush);
    return true;
  }

  /**
   * A snapshot that arrives after events newer than it were applied to the old data would drop
   * them: apply the recent events above the snapshot's seq again.
   */
  private onSnapshot = (
    collection: (typeof LIVE)[number],
    data: LoadedCollection<(typeof LIVE)[number]>,
  ) => {
    this.applyTo(
      collection,
      this.recent.filter((e) => e.seq > data.seq),
    );
  };

  /** Applies queued events in seq order, one cache update per collection per frame. */
  private flush = () => {
    this.frame = 0;
    const events = this.queue.sort((a, b) => a.seq - b.seq);
    this.queue = [];
    for (const c of LIVE) this.applyTo(c, events);
    // The plan in force and its progress are read whole from the gateway: ask again.
    if (events.some((e) => e.type.startsWith('plan:')))
      void this.queries.invalidateQueries({ queryKey: ['plan', this.scenario] });
    // So is what the operator asks of the walls.
    if (events.some((e) => e.type === 'wall:state'))
      void this.queries.invalidateQueries({ queryKey: ['wall', this.scenario] });
    if (events.some((e) => e.type.startsWith('briefing:')))
      void this.queries.invalidateQueries({ queryKey: ['briefing', this.scenario] });
    for (const l of this.listeners) l();
  };

  /** One cache update applying, in order, those of `events` that change `collection`. */
  private applyTo(collection: (typeof LIVE)[number], events: readonly FeedEvent[]): void {
    const mine = events.filter((e) => collectionOfEvent(e.type) === collection);
    if (mine.length === 0) return;
    this.queries.setQueryData<LoadedCollection<typeof collection>>(
      ['collection', this.scenario, collection],
      (old) => {
        if (!old) return old;
        let next = old;
        for (const e of mine) next = applyEvent(next, collection, e);
        return next;
      },
    );
    // Dispatch logs are kept by the gateway: ask again when incidents or team statuses change.
    if (collection === 'incidents' || mine.some((e) => e.type === 'team:status'))
      void this.queries.invalidateQueries({ queryKey: ['incident-log', this.scenario] });
    // The KPIs are counted by the gateway (they include the history): ask again.
    if (collection === 'open-hazards')
      void this.queries.invalidateQueries({ queryKey: ['stats', this.scenario, 'hazards'] });
  }
}
