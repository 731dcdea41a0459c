import {
  MAX_CLOSED_INCIDENTS,
  MAX_LOG_ENTRIES,
  OPEN_HAZARD,
  WALL_FREE,
  type WallState,
  type BriefingScene,
  type BriefingView,
  type IncidentLogEntry,
  type TransferPlan,
  type TransferProgress,
  type FeedEvent,
  type HiddenHazard,
  type Incident,
  type Shelter,
  type Team,
  type Warning,
  teamMoved,
} from '../../shared/protocol/index.ts';
import { EntityCollection, type Collection } from '../data/collection.ts';

type LiveId = 'incidents' | 'warnings' | 'teams' | 'shelters' | 'open-hazards';

/** How hidden-hazard events changed a township's figures since the fixtures (see HazardTally). */
export interface HazardDelta {
  investigated: number;
  rectified: number;
  reports: number;
  settled: number;
}

/** Bumped whenever `LiveSnapshot` changes shape: older checkpoints are then ignored. */
export const SNAPSHOT_VERSION = 1;

/** A checkpoint of a scenario's live state (what events changed since the fixtures). */
export interface LiveSnapshot {
  v: number;
  seq: number;
  incidents: [string, Incident][];
  closed: string[];
  warnings: [string, Warning][];
  teams: [string, Team][];
  shelters: [string, Shelter][];
  hazards: [string, HiddenHazard][];
  hazardDelta: [string, HazardDelta][];
  incidentLog: [string, IncidentLogEntry[]][];
  teamIncident: [string, string][];
  plan: TransferPlan | null;
  wall: WallState;
  briefing: BriefingView | null;
  scenes: [string, BriefingScene][];
  progress: [string, TransferProgress][];
}

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
  /**
   * Hidden hazards being worked on: the history's open ones plus every one reported or changed
   * through the feed, until it is closed (closed ones leave; the log keeps them).
   */
  readonly hazards: Map<string, HiddenHazard>;
  /** Per township: what hazard events changed in the history's counts. */
  readonly hazardDelta = new Map<string, HazardDelta>();
  /** Each live incident's dispatch log: its status changes, dispatches and its teams' reports. */
  readonly incidentLog = new Map<string, IncidentLogEntry[]>();
  /** The incident each dispatched team is working for. */
  private readonly teamIncident = new Map<string, string>();
  /** The transfer plan in force (the newest published) and each village's progress in it. */
  plan: TransferPlan | null = null;
  /** What the operator console last asked of the walls. */
  wall: WallState = WALL_FREE;
  /** What the briefing's presenter shows now (null: no briefing running). */
  briefing: BriefingView | null = null;
  /** The briefing's saved scenes, in the order they were first saved. */
  readonly scenes = new Map<string, BriefingScene>();
  readonly progress = new Map<string, TransferProgress>();
  /** Sequence number of the last event applied. */
  seq = 0;
  private readonly built = new Map<LiveId, { seq: number; collection: Collection }>();

  constructor(
    teams: readonly Team[],
    shelters: readonly Shelter[],
    /** Where hazards not in `openHazards` stand in the history (they may be changed too). */
    private readonly historyStatus: (id: string) => HiddenHazard | undefined = () => undefined,
    openHazards: readonly HiddenHazard[] = [],
  ) {
    this.teams = new Map(teams.map((t) => [t.id, t]));
    this.shelters = new Map(shelters.map((s) => [s.id, s]));
    this.hazards = new Map(openHazards.map((h) => [h.id, h]));
  }

  private log(incident: string, entry: IncidentLogEntry): void {
    const entries = this.incidentLog.get(incident) ?? [];
    entries.push(entry);
    if (entries.length > MAX_LOG_ENTRIES) entries.splice(0, entries.length - MAX_LOG_ENTRIES);
    this.incidentLog.set(incident, entries);
  }

  /** Keeps the township's counts in step with one hazard moving from `before` to `after`. */
  private countHazard(before: HiddenHazard | undefined, after: HiddenHazard): void {
    const d = this.hazardDelta.get(after.townshipCode) ?? {
      investigated: 0,
      rectified: 0,
      reports: 0,
      settled: 0,
    };
    const done = (h: HiddenHazard | undefined) => h !== undefined && !OPEN_HAZARD.has(h.status);
    // A report closed as false straight from `reported` was no hazard: it leaves the
    // investigated count but is a settled report.
    const isHazard = (h: HiddenHazard | undefined) =>
      h !== undefined && !(h.status === 'closed' && h.rectifiedAt === null);
    d.investigated += Number(isHazard(after)) - Number(isHazard(before));
    d.rectified +=
      Number(isHazard(after) && done(after)) - Number(isHazard(before) && done(before));
    // Reports made through the feed count towards the settlement rate (the history's own
    // reports are a separate table).
    if (after.reportedBy !== undefined) {
      d.reports += before === undefined ? 1 : 0;
      d.settled += Number(done(after)) - Number(done(before));
    }
    this.hazardDelta.set(after.townshipCode, d);
  }

  /** Applies one event; events reach the log only after validation, hence the cast. */
  apply(seq: number, e: { type: string; payload: unknown; time?: string }): void {
    const ev = e as FeedEvent;
    const time = e.time ?? new Date().toISOString();
    switch (ev.type) {
      case 'incident:open':
      case 'incident:update': {
        const { id, status } = ev.payload;
        const before = this.incidents.get(id);
        for (const teamId of ev.payload.assignedTeamIds) {
          if (before?.assignedTeamIds.includes(teamId)) continue;
          this.teamIncident.set(teamId, id);
          this.log(id, { kind: 'dispatch', seq, time, teamId });
        }
        if (before?.status !== status) this.log(id, { kind: 'status', seq, time, status });
        this.incidents.set(id, ev.payload);
        // Closed ones in the order they closed (re-inserted when closed again after a reopen).
        this.closed.delete(id);
        if (status === 'closed') this.closed.add(id);
        for (const oldest of this.closed) {
          if (this.closed.size <= MAX_CLOSED_INCIDENTS) break;
          this.closed.delete(oldest);
          this.incidents.delete(oldest);
          this.incidentLog.delete(oldest);
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
      case 'warning:expire':
        this.warnings.delete(ev.payload.identifier);
        break;
      case 'team:update':
        this.teams.set(ev.payload.id, ev.payload);
        break;
      case 'team:move': {
        const t = this.teams.get(ev.payload.id);
        const moved = t && teamMoved(t, ev.payload, time);
        if (moved) this.teams.set(moved.id, moved);
        break;
      }
      case 'team:status': {
        const t = this.teams.get(ev.payload.id);
        if (t) this.teams.set(t.id, { ...t, status: ev.payload.status });
        const incident = this.teamIncident.get(ev.payload.id);
        if (incident && ev.payload.status !== 'dispatched') {
          this.log(incident, {
            kind: 'team',
            seq,
            time,
            teamId: ev.payload.id,
            status: ev.payload.status,
          });
          // Back at base (or off duty): no longer working for that incident.
          if (ev.payload.status === 'available' || ev.payload.status === 'off_duty')
            this.teamIncident.delete(ev.payload.id);
        }
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
      case 'plan:publish':
        this.plan = ev.payload;
        this.progress.clear();
        break;
      case 'wall:state':
        this.wall = ev.payload;
        break;
      case 'briefing:view':
        this.briefing = ev.payload;
        break;
      case 'briefing:scene':
        // A Map keeps first-insertion order: a replaced scene keeps its place in the deck.
        this.scenes.set(ev.payload.id, ev.payload);
        break;
      case 'briefing:scene-removed':
        this.scenes.delete(ev.payload.id);
        break;
      case 'briefing:scene-moved': {
        const moved = this.scenes.get(ev.payload.id);
        if (!moved) break;
        const order = [...this.scenes.values()].filter((x) => x.id !== moved.id);
        order.splice(Math.min(ev.payload.index, order.length), 0, moved);
        this.scenes.clear();
        for (const x of order) this.scenes.set(x.id, x);
        break;
      }
      case 'plan:progress':
        if (ev.payload.planId === this.plan?.id) this.progress.set(ev.payload.village, ev.payload);
        break;
      case 'hazard:report':
      case 'hazard:update': {
        const h = ev.payload;
        const before = this.hazards.get(h.id) ?? this.historyStatus(h.id);
        this.countHazard(before, h);
        if (h.status === 'closed') this.hazards.delete(h.id);
        else this.hazards.set(h.id, h);
        break;
      }
      default:
        break;
    }
    this.seq = seq;
  }

  /** The live collections' entities as they stand (a replay's snapshot). */
  snapshot(): Record<LiveId, readonly unknown[]> {
    return {
      incidents: [...this.incidents.values()],
      warnings: [...this.warnings.values()],
      teams: [...this.teams.values()],
      shelters: [...this.shelters.values()],
      'open-hazards': [...this.hazards.values()],
    };
  }

  /** Everything events changed, as plain data: a checkpoint of the log (see `restore`). */
  save(): LiveSnapshot {
    return {
      v: SNAPSHOT_VERSION,
      seq: this.seq,
      incidents: [...this.incidents],
      closed: [...this.closed],
      warnings: [...this.warnings],
      teams: [...this.teams],
      shelters: [...this.shelters],
      hazards: [...this.hazards],
      hazardDelta: [...this.hazardDelta],
      incidentLog: [...this.incidentLog],
      teamIncident: [...this.teamIncident],
      plan: this.plan,
      wall: this.wall,
      briefing: this.briefing,
      scenes: [...this.scenes],
      progress: [...this.progress],
    };
  }

  /** Takes the state a checkpoint saved (a fresh state plus the log up to `snap.seq`). */
  restore(snap: LiveSnapshot): void {
    const refill = <K, V>(map: Map<K, V>, entries: Iterable<readonly [K, V]>) => {
      map.clear();
      for (const [k, v] of entries) map.set(k, v);
    };
    refill(this.incidents, snap.incidents);
    this.closed.clear();
    for (const id of snap.closed) this.closed.add(id);
    refill(this.warnings, snap.warnings);
    refill(this.teams, snap.teams);
    refill(this.shelters, snap.shelters);
    refill(this.hazards, snap.hazards);
    refill(this.hazardDelta, snap.hazardDelta);
    refill(this.incidentLog, snap.incidentLog);
    refill(this.teamIncident, snap.teamIncident);
    this.plan = snap.plan;
    this.wall = snap.wall;
    this.briefing = snap.briefing;
    refill(this.scenes, snap.scenes);
    refill(this.progress, snap.progress);
    this.seq = snap.seq;
    this.built.clear();
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
            : id === 'shelters'
              ? new EntityCollection('shelters', [...this.shelters.values()])
              : new EntityCollection('open-hazards', [...this.hazards.values()]);
    this.built.set(id, { seq: this.seq, collection });
    return collection;
  }
}

export const LIVE_COLLECTIONS = new Set<string>([
  'incidents',
  'warnings',
  'teams',
  'shelters',
  'open-hazards',
]);
export type { LiveId };
