import type { GatewayServer } from '../socket/gateway-io.ts';
import {
  parseFeedEvent,
  redactEvent,
  type EntityOf,
  type EventEnvelope,
  type FeedEvent,
  type SentEvent,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import { typeLabel, type Rejections } from '../metrics.ts';
import {
  TELEMETRY_TYPES,
  type AppendOptions,
  type CommandRecord,
  type EventStore,
  type StoredEvent,
} from './event-store.ts';
import { HazardHistory } from './hazard-history.ts';
import { CHECKPOINT_EVERY, decodeCheckpoint, encodeCheckpoint } from './checkpoints.ts';
import { LiveState, SNAPSHOT_VERSION } from './live-state.ts';
import { LogHealthMonitor } from './log-health.ts';
import { AUDIENCES, feedRoom } from './rooms.ts';
import { Telemetry } from './telemetry.ts';

/** Shortest time between two batches to a room while events stream in. */
const FLUSH_INTERVAL_MS = 10;

export type PublishResult = { ok: true; event: StoredEvent } | { ok: false; error: string };

/**
 * Every state change passes through here: validated against the contract, appended to the
 * store (committed), then — in the store's order, whichever node appended it — applied to the
 * live state and broadcast to this node's clients in the scenario's room.
 */
export class FeedHub {
  readonly live = new Map<ScenarioId, LiveState>();
  /** Each scenario's hidden-hazard history, which the hazard KPIs start from. */
  readonly hazardHistory = new Map<ScenarioId, HazardHistory>();
  /** Grid-member positions per scenario (binary frames, not log events). */
  readonly telemetry = new Map<ScenarioId, Telemetry>();
  /** Whether the log takes writes; consoles are told when that changes. */
  readonly health: LogHealthMonitor;
  private listeners: ((e: StoredEvent) => void)[] = [];
  /** Each scenario's decision version as applied here (see AppendOptions.expect). */
  private readonly versions = new Map<ScenarioId, number>();
  /** Highest seq applied to the live state (and broadcast) on this node. */
  private applied = 0;
  private waiting: { seq: number; resolve: () => void }[] = [];
  /** Events applied but not yet sent, per scenario room (see `send`). */
  private outbox = new Map<string, SentEvent[]>();
  private flushing = false;
  private lastFlush = 0;

  /** A scenario's state before any event: what the log is replayed onto. */
  private readonly fresh = new Map<ScenarioId, () => LiveState>();
  /** Events applied per scenario since its last checkpoint. */
  private readonly sinceCheckpoint = new Map<ScenarioId, number>();
  /** Checkpoints being compressed and written. */
  private readonly saving = new Set<Promise<void>>();

  private constructor(
    private readonly store: EventStore,
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>,
    private readonly io: GatewayServer,
    private readonly rejections: Rejections,
    /** Events of a scenario between checkpoints of its state (0: none). */
    private readonly checkpointEvery: number,
  ) {
    this.health = new LogHealthMonitor(store, rejections);
    this.health.onChange((h) => io.emit('log:health', h));
    for (const [id, s] of scenarios) {
      const base = FeedHub.baseOf(s);
      this.hazardHistory.set(id, base.history);
      this.fresh.set(id, base.fresh);
      this.live.set(id, base.fresh());
      this.telemetry.set(id, new Telemetry(id, gridMembersOf(s), io, rejections));
    }
  }

  /** What a jurisdiction's live state starts from: its data, before any event. */
  private static baseOf(s: ScenarioData) {
    const teams = s.collections.get('teams') as
      | { entities?: readonly EntityOf<'teams'>[] }
      | undefined;
    const shelters = s.collections.get('shelters') as
      | { entities?: readonly EntityOf<'shelters'>[] }
      | undefined;
    const history = new HazardHistory(s);
    const fresh = () =>
      new LiveState(
        teams?.entities ?? [],
        shelters?.entities ?? [],
        history.find,
        history.open,
        s.meta.version,
      );
    return { history, fresh };
  }

  /**
   * Serves a new version of a jurisdiction's data (or a new jurisdiction) without a restart: a
   * live state built on the new data and brought to the present by the log — a team out on a
   * mission stays out, an open incident keeps its place — swapped in between two events, and
   * checkpointed at once. Its consoles are then told to read it again (`scenario:version`).
   */
  async serve(id: ScenarioId, data: ScenarioData): Promise<void> {
    const base = FeedHub.baseOf(data);
    const state = await this.folded(id, base.fresh());
    // Synchronous from here: no event can be applied between the last read and the swap.
    const fresh = !this.live.has(id);
    this.live.set(id, state);
    this.fresh.set(id, base.fresh);
    this.hazardHistory.set(id, base.history);
    this.sinceCheckpoint.set(id, 0);
    if (fresh)
      this.telemetry.set(id, new Telemetry(id, gridMembersOf(data), this.io, this.rejections));
    if (this.checkpointEvery > 0) this.saveCheckpoint(id, state, Date.now());
    const rooms = AUDIENCES.map((a) => feedRoom(id, a));
    this.io.to(rooms).emit('scenario:version', { scenario: id, version: data.meta.version });
  }

  /**
   * `state` brought to what this node has applied (and broadcast) from the log: later events
   * reach it through `receive`, like any other, once it is swapped in.
   */
  private async folded(id: ScenarioId, state: LiveState): Promise<LiveState> {
    let at = 0;
    while (at < this.applied) {
      const batch = await this.store.since(at, 5_000);
      if (batch.length === 0) break;
      for (const e of batch) {
        if (e.seq > this.applied) break;
        if (e.scenario === id) state.apply(e.seq, e);
        at = e.seq;
      }
      if (at < this.applied) await new Promise((resolve) => setImmediate(resolve));
    }
    return state;
  }

  /**
   * The log went back under this node (a shared Redis restored from an older snapshot, or
   * failed over to a lagging replica): every scenario's live state is built again from the log
   * as it now is, and every console is told to subscribe again (its answer says `rewound`).
   * Nothing the log holds is lost — appends acknowledged meanwhile are in it — and nothing it no
   * longer holds is still shown.
   */
  async rewind(last: number): Promise<void> {
    this.applied = last;
    this.outbox.clear();
    for (const id of [...this.live.keys()]) {
      const fresh = this.fresh.get(id);
      if (!fresh) continue;
      const state = await this.folded(id, fresh());
      this.live.set(id, state);
      this.sinceCheckpoint.set(id, 0);
    }
    const done = this.waiting.filter((w) => w.seq <= this.applied);
    this.waiting = this.waiting.filter((w) => w.seq > this.applied);
    for (const w of done) w.resolve();
    this.rejections.count('store', 'log rewound');
    this.io.emit('feed:rewound', { logId: this.store.logId });
  }

  /**
   * Rebuilds the live state — from each scenario's newest checkpoint, else from the fixtures —
   * plus the log after it, then follows the log.
   */
  static async open(
    store: EventStore,
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>,
    io: GatewayServer,
    rejections: Rejections,
    checkpointEvery = CHECKPOINT_EVERY,
  ): Promise<FeedHub> {
    const hub = new FeedHub(store, scenarios, io, rejections, checkpointEvery);
    let from = Infinity;
    for (const [id, live] of hub.live) {
      if (checkpointEvery > 0) await hub.restoreNewest(id, live, Infinity);
      from = Math.min(from, live.seq);
    }
    hub.applied = Number.isFinite(from) ? from : 0;
    const { last } = await store.bounds();
    store.follow(
      hub.applied,
      (e) => hub.receive(e),
      (last) => void hub.rewind(last),
    );
    await hub.reach(last);
    return hub;
  }

  /** Puts the newest usable checkpoint at or before `atMs` into `state` (if there is one). */
  private async restoreNewest(id: ScenarioId, state: LiveState, atMs: number): Promise<void> {
    const c = await this.store.checkpointAt(id, atMs, SNAPSHOT_VERSION);
    if (!c) return;
    try {
      const snap = decodeCheckpoint(c);
      // Built on another version of the data (an import since): the log from the start instead.
      if ((snap.data ?? '') !== state.dataVersion) {
        this.rejections.count('store', 'checkpoint of other data');
        return;
      }
      state.restore(snap);
    } catch {
      // A damaged checkpoint costs time, not correctness: replay from the start instead.
      this.rejections.count('store', 'checkpoint unreadable');
    }
  }

  /** Checkpoints a scenario's state every `checkpointEvery` of its events. */
  private checkpoint(id: ScenarioId, live: LiveState, event: StoredEvent): void {
    if (this.checkpointEvery <= 0) return;
    const n = (this.sinceCheckpoint.get(id) ?? 0) + 1;
    if (n < this.checkpointEvery) {
      this.sinceCheckpoint.set(id, n);
      return;
    }
    this.sinceCheckpoint.set(id, 0);
    this.saveCheckpoint(id, live, Date.parse(event.time));
  }

  /** Compresses and writes a checkpoint of `state` off the event loop (awaited by `settle`). */
  private saveCheckpoint(id: ScenarioId, state: LiveState, timeMs: number): void {
    const saving = encodeCheckpoint(id, state.save(), timeMs)
      .then((c) => this.health.guard(() => this.store.saveCheckpoint(c)))
      .catch(() => this.rejections.count('store', 'checkpoint not saved'))
      .finally(() => this.saving.delete(saving));
    this.saving.add(saving);
  }

  /** Waits for checkpoints being written (before the store closes). */
  async settle(): Promise<void> {
    this.health.stop();
    await Promise.all([...this.saving]);
  }

  /**
   * The scenario's decision version this node's state reflects: what a decision made on it now
   * expects the log to still be at (see AppendOptions.expect).
   */
  decisionVersion(scenario: ScenarioId): number {
    return this.versions.get(scenario) ?? 0;
  }

  /**
   * After a conflict: waits (briefly) until this node has applied the log to `version`, which
   * the log says is current, so a decision made now is made on it; whether it has.
   */
  async catchUp(scenario: ScenarioId, version: number): Promise<boolean> {
    if (!(await this.reachWithin(version, 2_000))) return false;
    this.versions.set(scenario, version);
    return true;
  }

  /** The seq this node's live state (and so every snapshot it serves) reflects. */
  latestSeq(): number {
    return this.applied;
  }

  async firstSeq(): Promise<number> {
    return (await this.store.bounds()).first;
  }

  /** The log's identity (see EventStore.logId). */
  get logId(): string {
    return this.store.logId;
  }

  /** The time of the event at `seq` in the log, or null when the log holds none there. */
  async timeAt(seq: number): Promise<string | null> {
    if (seq < 1) return null;
    const [e] = await this.store.since(seq - 1, 1);
    return e?.seq === seq ? e.time : null;
  }

  /**
   * Waits up to `ms` for this node to have applied `seq` (scaled out, a client may come from a
   * node a few events ahead); whether it has.
   */
  async reachWithin(seq: number, ms: number): Promise<boolean> {
    if (this.applied >= seq) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const reached = await Promise.race([this.reach(seq).then(() => true as const), late]);
    clearTimeout(timer);
    return reached;
  }

  /**
   * Validates and stores one event; resolves once it is applied here, so the caller reads its
   * own write. A bad event is refused with the reason and counted.
   */
  async publish(
    scenario: ScenarioId,
    type: string,
    payload: unknown,
    channel = 'feed',
    /** A leased job's fence, a decision's expected version (see AppendOptions). */
    how: Omit<AppendOptions, 'command'> = {},
  ): Promise<PublishResult> {
    if (!this.live.has(scenario)) {
      this.rejections.count(channel, 'unknown scenario');
      return { ok: false, error: `scenario ${scenario} is not loaded` };
    }
    const time = new Date().toISOString();
    const parsed = parseFeedEvent({ seq: 1, time, scenario, type, payload });
    if (!parsed.ok) {
      this.rejections.count(channel, `invalid ${typeLabel(type)}`);
      return { ok: false, error: parsed.error };
    }
    const event = await this.health.guard(() =>
      this.store.append({ time, scenario, type, payload: parsed.value.payload }, how),
    );
    this.rejections.eventsIn.inc({ type: typeLabel(type) });
    await this.reach(event.seq);
    return { ok: true, event };
  }

  /**
   * A command's events, validated together and stored in one commit with the command's record
   * (its idempotency key and answer): all of them or none. Resolves once they are applied here.
   */
  async publishAll(
    scenario: ScenarioId,
    events: readonly { type: string; payload: unknown }[],
    command: CommandRecord,
    channel = 'command',
    how: Omit<AppendOptions, 'command'> = {},
  ): Promise<{ ok: true; events: StoredEvent[] } | { ok: false; error: string }> {
    if (!this.live.has(scenario)) {
      this.rejections.count(channel, 'unknown scenario');
      return { ok: false, error: `scenario ${scenario} is not loaded` };
    }
    const time = new Date().toISOString();
    const checked: Omit<EventEnvelope, 'seq'>[] = [];
    for (const { type, payload } of events) {
      const parsed = parseFeedEvent({ seq: 1, time, scenario, type, payload });
      if (!parsed.ok) {
        this.rejections.count(channel, `invalid ${typeLabel(type)}`);
        return { ok: false, error: parsed.error };
      }
      checked.push({ time, scenario, type, payload: parsed.value.payload });
    }
    const stored = await this.health.guard(() =>
      this.store.appendAll(checked, { ...how, command }),
    );
    for (const e of stored) this.rejections.eventsIn.inc({ type: typeLabel(e.type) });
    const last = stored[stored.length - 1];
    if (last) await this.reach(last.seq);
    return { ok: true, events: stored };
  }

  /**
   * The scenario as it stood at `atMs`: the fixtures' state with every logged event up to that
   * time applied, exactly as the live state was built (replay) — from the newest checkpoint
   * before that time, so it reads at most about `checkpointEvery` of the scenario's events.
   */
  async stateAt(scenario: ScenarioId, atMs: number): Promise<LiveState | null> {
    const state = this.fresh.get(scenario)?.();
    if (!state) return null;
    if (this.checkpointEvery > 0) await this.restoreNewest(scenario, state, atMs);
    let at = state.seq;
    for (;;) {
      // By the scenario's index where the store has one: a quiet jurisdiction's past is read
      // without scanning a busy one's events.
      const batch = this.store.sinceIn
        ? await this.store.sinceIn(scenario, at, 5_000)
        : await this.store.since(at, 5_000);
      if (batch.length === 0) return state;
      // Between batches the feed goes on (SQLite answers synchronously: without this a long
      // fold would hold every client's events until it ends).
      await new Promise((resolve) => setImmediate(resolve));
      for (const e of batch) {
        // The log is in append order, and appends are stamped with the gateway's clock.
        if (Date.parse(e.time) > atMs) return state;
        if (e.scenario === scenario) state.apply(e.seq, e);
      }
      at = batch[batch.length - 1]?.seq ?? at;
    }
  }

  /** When the log begins (ms), or null when it is empty. */
  async logStart(): Promise<number | null> {
    const [first] = await this.store.since(0, 1);
    return first ? Date.parse(first.time) : null;
  }

  /** Events of a scenario after `seq` (at most `limit`), for replay and gap filling. */
  async eventsSince(scenario: ScenarioId, seq: number, limit = 5_000): Promise<StoredEvent[]> {
    if (this.store.sinceIn) return this.store.sinceIn(scenario, seq, limit);
    const out: StoredEvent[] = [];
    let at = seq;
    while (out.length < limit) {
      const batch = await this.store.since(at, 5_000);
      if (batch.length === 0) break;
      for (const e of batch) if (e.scenario === scenario && out.length < limit) out.push(e);
      at = batch[batch.length - 1]?.seq ?? at;
    }
    return out;
  }

  onEvent(listener: (e: StoredEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private receive(event: StoredEvent): void {
    if (event.seq <= this.applied) return;
    this.applied = event.seq;
    const live = this.live.get(event.scenario);
    // (A scenario restored from a checkpoint past this event skips it: start-up follows the log
    // from the oldest scenario's checkpoint.)
    if (live && event.seq > live.seq) {
      // `seq` is global; `prev` (the scenario's previous seq) lets a client see a hole in its
      // own scenario's sequence while other scenarios' events interleave.
      const prev = live.seq;
      live.apply(event.seq, event);
      if (!TELEMETRY_TYPES.has(event.type)) this.versions.set(event.scenario, event.seq);
      for (const audience of AUDIENCES) {
        const room = feedRoom(event.scenario, audience);
        // Events reach the log validated (publish), hence the cast; shaped once per room.
        if (this.io.sockets.adapter.rooms.has(room))
          this.send(room, { ...redactEvent(event as FeedEvent, audience), prev });
      }
      for (const l of this.listeners) l(event);
      this.checkpoint(event.scenario, live, event);
    }
    this.rejections.seq.set(event.seq);
    if (this.waiting.length > 0) {
      const done = this.waiting.filter((w) => w.seq <= event.seq);
      this.waiting = this.waiting.filter((w) => w.seq > event.seq);
      for (const w of done) w.resolve();
    }
  }

  /**
   * Events leave as `feed:batch` messages, one per room, encoded once for all its clients: at
   * thousands of events per second the cost is per message, not per event. A quiet feed sends
   * at once (after the current turn of the event loop); a busy one at most every
   * FLUSH_INTERVAL_MS, which bounds the messages per socket per second.
   */
  private send(room: string, event: SentEvent): void {
    const pending = this.outbox.get(room);
    if (pending) pending.push(event);
    else this.outbox.set(room, [event]);
    if (this.flushing) return;
    this.flushing = true;
    const wait = this.lastFlush + FLUSH_INTERVAL_MS - performance.now();
    const flush = () => {
      this.flushing = false;
      this.lastFlush = performance.now();
      const outbox = this.outbox;
      this.outbox = new Map();
      for (const [r, events] of outbox) {
        this.io.to(r).emit('feed:batch', events);
        this.rejections.eventsOut.inc(
          events.length * (this.io.sockets.adapter.rooms.get(r)?.size ?? 0),
        );
      }
    };
    if (wait > 0) setTimeout(flush, wait);
    else setImmediate(flush);
  }

  private reach(seq: number): Promise<void> {
    if (this.applied >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ seq, resolve }));
  }
}

function gridMembersOf(s: ScenarioData): readonly EntityOf<'grid-members'>[] {
  const members = s.collections.get('grid-members') as
    | { entities?: readonly EntityOf<'grid-members'>[] }
    | undefined;
  return members?.entities ?? [];
}
