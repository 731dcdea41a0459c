import {
  MAX_CLOSED_INCIDENTS,
  type FeedEvent,
  type Incident,
  type Shelter,
  type Team,
  type Warning,
} from '../../shared/protocol/index.ts';
import { EntityCollection, type Collection } from '../data/collection.ts';

type LiveId = 'incidents' | 'warnings' | 'teams' | 'shelters';

/**
 * The live collections of one scenario: the fixtures' state with every event applied in order.
 * Read-API snapshots come from here and carry the `seq` they reflect.
 */
export class LiveState {
  readonly incidents = new Map<string, Incident>();
  /** Ids of closed incidents, oldest closing first (see MAX_CLOSED_INCIDENTS). */
  private readonly closed = new Set<string>();
  readonly warnings = new Map<string, Warning>();
  readonly teams: Map<string, Team>;
  readonly shelters: Map<string, Shelter>;
  /** Sequence number of the last event applied. */
  seq = 0;
  private readonly built = new Map<LiveId, { seq: number; collection: Collection }>();

  constructor(teams: readonly Team[], shelters: readonly Shelter[]) {
    this.teams = new Map(teams.map((t) => [t.id, t]));
    this.shelters = new Map(shelters.map((s) => [s.id, s]));
  }

  /** Applies one event; events reach the log only after validation, hence the cast. */
  apply(seq: number, e: { type: string; payload: unknown }): void {
    const ev = e as FeedEvent;
    switch (ev.type) {
      case 'incident:open':
      case 'incident:update': {
        const { id, status } = ev.payload;
        this.incidents.set(id, ev.payload);
        // Closed ones in the order they closed (re-inserted when closed again after a reopen).
        this.closed.delete(id);
        if (status === 'closed') this.closed.add(id);
        for (const oldest of this.closed) {
          if (this.closed.size <= MAX_CLOSED_INCIDENTS) break;
          this.closed.delete(oldest);
          this.incidents.delete(oldest);
        }
        break;
      }
      case 'warning:issue':
      case 'warning:update':
        for (const ref of ev.payload.references) this.warnings.delete(ref.split(',')[1] ?? '');
        this.warnings.set(ev.payload.identifier, ev.payload);
        break;
      case 'warning:cancel':
        for (const ref of ev.payload.references) this.warnings.delete(ref.split(',')[1] ?? '');
        break;
      case 'team:update':
        this.teams.set(ev.payload.id, ev.payload);
        break;
      case 'team:move': {
        const t = this.teams.get(ev.payload.id);
        if (t) this.teams.set(t.id, { ...t, position: ev.payload.position });
        break;
      }
      case 'team:status': {
        const t = this.teams.get(ev.payload.id);
        if (t) this.teams.set(t.id, { ...t, status: ev.payload.status });
        break;
      }
      case 'shelter:update': {
        const s = this.shelters.get(ev.payload.id);
        if (s)
          this.shelters.set(s.id, {
            ...s,
            occupancy: ev.payload.occupancy,
            status: ev.payload.status,
          });
        break;
      }
      default:
        break;
    }
    this.seq = seq;
  }

  /** The collection as of now, re-indexed only when events changed it since the last read. */
  collection(id: LiveId): Collection {
    const cached = this.built.get(id);
    if (cached?.seq === this.seq) return cached.collection;
    const collection =
      id === 'incidents'
        ? new EntityCollection('incidents', [...this.incidents.values()])
        : id === 'warnings'
          ? new EntityCollection('warnings', [...this.warnings.values()])
          : id === 'teams'
            ? new EntityCollection('teams', [...this.teams.values()])
            : new EntityCollection('shelters', [...this.shelters.values()]);
    this.built.set(id, { seq: this.seq, collection });
    return collection;
  }
}

export const LIVE_COLLECTIONS = new Set<string>(['incidents', 'warnings', 'teams', 'shelters']);
export type { LiveId };
