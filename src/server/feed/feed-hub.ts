import type { Server } from 'socket.io';
import { parseFeedEvent, type EntityOf, type ScenarioId } from '../../shared/protocol/index.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { Rejections } from '../metrics.ts';
import type { EventLog, StoredEvent } from './event-log.ts';
import { LiveState } from './live-state.ts';

export type PublishResult = { ok: true; event: StoredEvent } | { ok: false; error: string };

/**
 * Every state change passes through here: validated against the contract, appended to the log
 * (committed), applied to the live state, then broadcast to the scenario's room.
 */
export class FeedHub {
  readonly live = new Map<ScenarioId, LiveState>();
  private listeners: ((e: StoredEvent) => void)[] = [];

  constructor(
    private readonly log: EventLog,
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>,
    private readonly io: Server,
    private readonly rejections: Rejections,
  ) {
    for (const [id, s] of scenarios) {
      const teams = s.collections.get('teams') as
        | { entities?: readonly EntityOf<'teams'>[] }
        | undefined;
      const shelters = s.collections.get('shelters') as
        | { entities?: readonly EntityOf<'shelters'>[] }
        | undefined;
      this.live.set(id, new LiveState(teams?.entities ?? [], shelters?.entities ?? []));
    }
    // Rebuild the live state from the log: the fixtures plus everything that happened since.
    for (
      let batch = log.since(0);
      batch.length > 0;
      batch = log.since(batch[batch.length - 1]?.seq ?? 0)
    ) {
      for (const e of batch) this.live.get(e.scenario)?.apply(e.seq, e);
    }
  }

  latestSeq(): number {
    return this.log.bounds().last;
  }

  firstSeq(): number {
    return this.log.bounds().first;
  }

  /** Validates, stores and broadcasts one event; a bad one is refused with the reason and counted. */
  publish(scenario: ScenarioId, type: string, payload: unknown, channel = 'feed'): PublishResult {
    const live = this.live.get(scenario);
    if (!live) {
      this.rejections.count(channel, 'unknown scenario');
      return { ok: false, error: `scenario ${scenario} is not loaded` };
    }
    const time = new Date().toISOString();
    const parsed = parseFeedEvent({ seq: 1, time, scenario, type, payload });
    if (!parsed.ok) {
      this.rejections.count(channel, `invalid ${type}`);
      return { ok: false, error: parsed.error };
    }
    const event = this.log.append({ time, scenario, type, payload: parsed.value.payload });
    // `seq` is global; `prev` (the scenario's previous seq) lets a client see a hole in its own
    // scenario's sequence while other scenarios' events interleave.
    const prev = live.seq;
    live.apply(event.seq, event);
    const room = `scenario:${scenario}`;
    this.io.to(room).emit('feed:event', { ...event, prev });
    this.rejections.eventsIn.inc({ type });
    this.rejections.eventsOut.inc(this.io.sockets.adapter.rooms.get(room)?.size ?? 0);
    this.rejections.seq.set(event.seq);
    for (const l of this.listeners) l(event);
    return { ok: true, event };
  }

  /** Events of a scenario after `seq` (at most `limit`), for replay and gap filling. */
  eventsSince(scenario: ScenarioId, seq: number, limit = 5_000): StoredEvent[] {
    const out: StoredEvent[] = [];
    let at = seq;
    while (out.length < limit) {
      const batch = this.log.since(at, 5_000);
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
}
