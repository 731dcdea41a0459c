import {
  OPEN_HAZARD,
  MAX_LOG_ENTRIES,
  WALL_FREE,
  isKnownEventType,
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
  type TeamStatus,
  type Warning,
  type Callout,
  type CheckIn,
  type Firing,
} from '../../shared/protocol/index.ts';
import {
  EVENT_TARGET,
  applyBriefing,
  applyPlan,
  applyRoll,
  applyWall,
  checkinsOf,
  entityChanges,
  NO_ROLL,
  rollOf,
  type LiveId,
  type RollState,
} from '../../shared/live/index.ts';
import { EntityCollection, type Collection } from '../data/collection.ts';

/** How hidden-hazard events changed a township's figures since the fixtures (see HazardTally). */
export interface HazardDelta {
  investigated: number;
  rectified: number;
  reports: number;
  settled: number;
}

/** Bumped whenever `LiveSnapshot` changes shape: older checkpoints are then ignored. */
export const SNAPSHOT_VERSION = 2;

/** A checkpoint of a scenario's live state (what events changed since the fixtures). */
export interface LiveSnapshot {
  v: number;
  seq: number;
  /**
   * The version of the jurisdiction's data the state was built on: a checkpoint of another
   * version holds that version's shelters and teams, and is not restored over a new one.
   */
  data?: string;
  incidents: [string, Incident][];
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
  /** Open rule firings (absent in checkpoints from before there were any). */
  firings?: [string, Firing][];
  /** 叫应 under way (absent in checkpoints from before there were any). */
  callouts?: [string, Callout][];
  /** 点名: everyone accounted for, oldest first (absent in checkpoints from before there were any). */
  roll?: CheckIn[];
}

/**
 * The live collections of one scenario: the fixtures' state with every event applied in order.
 * Read-API snapshots come from here and carry the `seq` they reflect.
 */
export class LiveState {
  readonly incidents = new Map<string, Incident>();
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
  /** 水雨情 rule firings still open. */
  readonly firings = new Map<string, Firing>();
  /** 叫应: the persons called about the warnings in force, answered or not. */
  readonly callouts = new Map<string, Callout>();
  /** 点名: who of the transfer registers has been accounted for. */
  roll: RollState = NO_ROLL;
  /** Sequence number of the last event applied. */
  seq = 0;
  private readonly built = new Map<LiveId, { seq: number; collection: Collection }>();

  constructor(
    teams: readonly Team[],
    shelters: readonly Shelter[],
    /** Where hazards not in `openHazards` stand in the history (they may be changed too). */
    private readonly historyStatus: (id: string) => HiddenHazard | undefined = () => undefined,
    openHazards: readonly HiddenHazard[] = [],
    /** The data version of `teams` and `shelters` (see LiveSnapshot.data). */
    readonly dataVersion = '',
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
    if (!isKnownEventType(e.type)) return;
    // What the event means is the shared reducer's; what is kept here besides (dispatch logs,
    // hazard counts) is the gateway's own bookkeeping.
    const ev = { ...e, seq, time: e.time ?? new Date().toISOString() } as FeedEvent;
    const target = EVENT_TARGET[ev.type];
    switch (target) {
      case 'plan': {
        const next = applyPlan({ plan: this.plan, progress: [...this.progress.values()] }, ev);
        this.plan = next.plan;
        refill(
          this.progress,
          next.progress.map((p) => [p.village, p] as const),
        );
        break;
      }
      case 'roll':
        this.roll = applyRoll(this.roll, ev);
        break;
      case 'wall':
        this.wall = applyWall(this.wall, ev);
        break;
      case 'briefing': {
        const next = applyBriefing(
          { presented: this.briefing, scenes: [...this.scenes.values()] },
          ev,
        );
        this.briefing = next.presented;
        refill(
          this.scenes,
          next.scenes.map((x) => [x.id, x] as const),
        );
        break;
      }
      default:
        this.applyToCollection(target, ev);
    }
    this.seq = seq;
  }

  private applyToCollection(target: LiveId, ev: FeedEvent): void {
    switch (target) {
      case 'incidents': {
        const before =
          ev.type === 'incident:open' || ev.type === 'incident:update'
            ? this.incidents.get(ev.payload.id)
            : undefined;
        if (ev.type === 'incident:open' || ev.type === 'incident:update')
          this.logIncident(ev.seq, ev.time, before, ev.payload);
        for (const [id, next] of entityChanges('incidents', this.incidents, ev)) {
          if (next) this.incidents.set(id, next);
          else {
            this.incidents.delete(id);
            this.incidentLog.delete(id);
          }
        }
        break;
      }
      case 'warnings':
        change(this.warnings, entityChanges('warnings', this.warnings, ev));
        break;
      case 'teams':
        if (ev.type === 'team:status')
          this.logTeam(ev.seq, ev.time, ev.payload.id, ev.payload.status);
        change(this.teams, entityChanges('teams', this.teams, ev));
        break;
      case 'shelters':
        change(this.shelters, entityChanges('shelters', this.shelters, ev));
        break;
      case 'open-hazards':
        if (ev.type === 'hazard:report' || ev.type === 'hazard:update')
          this.countHazard(
            this.hazards.get(ev.payload.id) ?? this.historyStatus(ev.payload.id),
            ev.payload,
          );
        change(this.hazards, entityChanges('open-hazards', this.hazards, ev));
        break;
      case 'firings':
        change(this.firings, entityChanges('firings', this.firings, ev));
        break;
      case 'callouts':
        change(this.callouts, entityChanges('callouts', this.callouts, ev));
        break;
    }
  }

  /** An incident's dispatch log: teams newly assigned to it and its status changes. */
  private logIncident(
    seq: number,
    time: string,
    before: Incident | undefined,
    after: Incident,
  ): void {
    for (const teamId of after.assignedTeamIds) {
      if (before?.assignedTeamIds.includes(teamId)) continue;
      this.teamIncident.set(teamId, after.id);
      this.log(after.id, { kind: 'dispatch', seq, time, teamId });
    }
    if (before?.status !== after.status)
      this.log(after.id, { kind: 'status', seq, time, status: after.status });
  }

  /** A dispatched team's reports go to the log of the incident it works for. */
  private logTeam(seq: number, time: string, teamId: string, status: TeamStatus): void {
    const incident = this.teamIncident.get(teamId);
    if (!incident || status === 'dispatched') return;
    this.log(incident, { kind: 'team', seq, time, teamId, status });
    // Back at base (or off duty): no longer working for that incident.
    if (status === 'available' || status === 'off_duty') this.teamIncident.delete(teamId);
  }

  /** The live collections' entities as they stand (a replay's snapshot). */
  snapshot(): Record<LiveId, unknown[]> {
    return {
      incidents: [...this.incidents.values()],
      warnings: [...this.warnings.values()],
      teams: [...this.teams.values()],
      shelters: [...this.shelters.values()],
      'open-hazards': [...this.hazards.values()],
      firings: [...this.firings.values()],
      callouts: [...this.callouts.values()],
    };
  }

  /** Everything events changed, as plain data: a checkpoint of the log (see `restore`). */
  save(): LiveSnapshot {
    return {
      v: SNAPSHOT_VERSION,
      seq: this.seq,
      data: this.dataVersion,
      incidents: [...this.incidents],
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
      firings: [...this.firings],
      callouts: [...this.callouts],
      roll: [...checkinsOf(this.roll)],
    };
  }

  /** Takes the state a checkpoint saved (a fresh state plus the log up to `snap.seq`). */
  restore(snap: LiveSnapshot): void {
    refill(this.incidents, snap.incidents);
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
    refill(this.firings, snap.firings ?? []);
    refill(this.callouts, snap.callouts ?? []);
    this.roll = rollOf(snap.roll ?? []);
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
              : id === 'firings'
                ? new EntityCollection('firings', [...this.firings.values()])
                : id === 'callouts'
                  ? new EntityCollection('callouts', [...this.callouts.values()])
                  : new EntityCollection('open-hazards', [...this.hazards.values()]);
    this.built.set(id, { seq: this.seq, collection });
    return collection;
  }
}

function refill<K, V>(map: Map<K, V>, entries: Iterable<readonly [K, V]>): void {
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}

function change<V>(map: Map<string, V>, changes: readonly (readonly [string, V | null])[]): void {
  for (const [key, next] of changes) {
    if (next) map.set(key, next);
    else map.delete(key);
  }
}
