import {
  MAX_CLOSED_INCIDENTS,
  teamMoved,
  WALL_FREE,
  type BriefingScene,
  type BriefingView,
  type EntityOf,
  type FeedEvent,
  type Incident,
  type TransferPlan,
  type TransferProgress,
  type WallState,
} from '../protocol/index.ts';
import { applyRoll, NO_ROLL, type RollState } from '../people/roll.ts';
import { EVENT_TARGET, type LiveId } from './live-targets.ts';

/** The transfer plan in force (the newest published) and each village's progress in it. */
export interface PlanState {
  plan: TransferPlan | null;
  progress: TransferProgress[];
}

/** What the briefing's presenter shows now (null: none running) and its saved scenes, in order. */
export interface BriefingState {
  presented: BriefingView | null;
  scenes: BriefingScene[];
}

export type Entities<C extends LiveId> = ReadonlyMap<string, EntityOf<C>>;

/** One entity put (or, with null, dropped) under its key. */
export type EntityChange<C extends LiveId> = readonly [key: string, entity: EntityOf<C> | null];

/**
 * The meaning of every feed event, written once. The gateway's live state, the console's caches
 * and the replay player all apply events through these functions, so the three cannot drift.
 *
 * An event changes only its target (EVENT_TARGET) and reads only that target, so each side may
 * keep each target in its own store (the console keeps one cache per collection).
 */
type CollectionReducer<C extends LiveId> = (
  entities: Entities<C>,
  event: FeedEvent,
) => EntityChange<C>[];

const NONE: never[] = [];

const Z = 'Z'.charCodeAt(0);

/** Two ISO times written alike (same length, same offset): their string order is time order. */
function writtenAlike(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  const zx = x.charCodeAt(x.length - 1) === Z;
  if (zx || y.charCodeAt(y.length - 1) === Z) return zx && y.charCodeAt(y.length - 1) === Z;
  // "+08:00": compared in place, this runs for every closed incident on every closing.
  for (let k = 1; k <= 6; k++)
    if (x.charCodeAt(x.length - k) !== y.charCodeAt(y.length - k)) return false;
  return true;
}

/** Whether `a` was closed before `b`: its last update is earlier (ties by id, so all sides agree). */
function closedBefore(a: Incident, b: Incident): boolean {
  const x = a.updatedAt;
  const y = b.updatedAt;
  const d = writtenAlike(x, y) ? (x < y ? -1 : x > y ? 1 : 0) : Date.parse(x) - Date.parse(y);
  return d < 0 || (d === 0 && a.id < b.id);
}

/**
 * The closed incidents beyond MAX_CLOSED_INCIDENTS, longest closed first, leave the picture.
 * One pass without allocating: in steady state exactly one is over, the earliest closed; only a
 * bigger excess (a restored or imported picture) sorts.
 */
function oldClosed(incidents: Entities<'incidents'>, put: Incident): EntityChange<'incidents'>[] {
  if (incidents.size + 1 <= MAX_CLOSED_INCIDENTS) return NONE;
  let count = 0;
  let earliest: Incident | undefined;
  for (const i of incidents.values()) {
    if (i.id === put.id || i.status !== 'closed') continue;
    count++;
    if (earliest === undefined || closedBefore(i, earliest)) earliest = i;
  }
  if (put.status === 'closed') {
    count++;
    if (earliest === undefined || closedBefore(put, earliest)) earliest = put;
  }
  const over = count - MAX_CLOSED_INCIDENTS;
  if (over <= 0 || earliest === undefined) return NONE;
  if (over === 1) return [[earliest.id, null]];
  const closed = [...incidents.values()].filter((i) => i.id !== put.id && i.status === 'closed');
  if (put.status === 'closed') closed.push(put);
  closed.sort((a, b) => (closedBefore(a, b) ? -1 : closedBefore(b, a) ? 1 : 0));
  return closed.slice(0, over).map((i) => [i.id, null] as const);
}

const incidents: CollectionReducer<'incidents'> = (entities, e) => {
  switch (e.type) {
    case 'incident:open':
    case 'incident:update': {
      const put: EntityChange<'incidents'> = [e.payload.id, e.payload];
      return e.payload.status === 'closed' ? [put, ...oldClosed(entities, e.payload)] : [put];
    }
    case 'feed:withheld':
      // A sensitive incident this reader may not see (any more) leaves the picture.
      return e.payload.incident !== undefined && entities.has(e.payload.incident)
        ? [[e.payload.incident, null]]
        : NONE;
    default:
      return NONE;
  }
};

const warnings: CollectionReducer<'warnings'> = (_entities, e) => {
  switch (e.type) {
    case 'warning:issue':
    case 'warning:update':
    case 'warning:cancel': {
      // CAP `references` are "sender,identifier,sent" triples: the warnings this one replaces.
      const replaced = e.payload.references.map((ref) => [ref.split(',')[1] ?? '', null] as const);
      return e.type === 'warning:cancel'
        ? replaced
        : [...replaced, [e.payload.identifier, e.payload]];
    }
    case 'warning:expire':
      return [[e.payload.identifier, null]];
    default:
      return NONE;
  }
};

const teams: CollectionReducer<'teams'> = (entities, e) => {
  switch (e.type) {
    case 'team:update':
      return [[e.payload.id, e.payload]];
    case 'team:move': {
      const team = entities.get(e.payload.id);
      const moved = team && teamMoved(team, e.payload, e.time);
      return moved ? [[moved.id, moved]] : NONE;
    }
    case 'team:status': {
      const team = entities.get(e.payload.id);
      return team ? [[team.id, { ...team, status: e.payload.status }]] : NONE;
    }
    default:
      return NONE;
  }
};

const shelters: CollectionReducer<'shelters'> = (entities, e) => {
  if (e.type !== 'shelter:update') return NONE;
  const shelter = entities.get(e.payload.id);
  return shelter
    ? [[shelter.id, { ...shelter, occupancy: e.payload.occupancy, status: e.payload.status }]]
    : NONE;
};

const openHazards: CollectionReducer<'open-hazards'> = (_entities, e) => {
  if (e.type !== 'hazard:report' && e.type !== 'hazard:update') return NONE;
  // Closed hidden hazards leave the live collection (the log and the history keep them).
  return [[e.payload.id, e.payload.status === 'closed' ? null : e.payload]];
};

const firings: CollectionReducer<'firings'> = (_entities, e) => {
  if (e.type === 'firing:open' || e.type === 'firing:update') return [[e.payload.id, e.payload]];
  // A cleared firing leaves the live picture; the log (and a replay) keeps when it cleared.
  return e.type === 'firing:clear' ? [[e.payload.id, null]] : NONE;
};

const callouts: CollectionReducer<'callouts'> = (entities, e) => {
  if (e.type === 'callout:open') return [[e.payload.id, e.payload]];
  if (e.type === 'callout:close') return [[e.payload.id, null]];
  const was =
    e.type === 'callout:retry' ||
    e.type === 'callout:escalate' ||
    e.type === 'callout:answer' ||
    e.type === 'callout:lapse'
      ? entities.get(e.payload.id)
      : undefined;
  if (!was) return NONE;
  switch (e.type) {
    case 'callout:retry':
    case 'callout:escalate':
      // A round raced by an answer (another node took it first) does not undo the answer.
      return [
        [
          was.id,
          {
            ...was,
            attempts: Math.max(was.attempts, e.payload.attempt),
            lastCallAt: e.payload.at,
            dueAt: e.payload.dueAt,
            escalatedTo: [...new Set([...was.escalatedTo, ...e.payload.escalatedTo])],
          },
        ],
      ];
    case 'callout:answer': {
      const { note } = e.payload;
      return [
        [
          was.id,
          {
            ...was,
            status: 'answered',
            // The first answer is when they were reached; a later one updates the report.
            answeredAt: was.answeredAt ?? e.payload.at,
            answer: e.payload.answer,
            answerChannel: was.answerChannel ?? e.payload.channel,
            ...(note ? { note } : {}),
          },
        ],
      ];
    }
    case 'callout:lapse':
      return was.status === 'calling' ? [[was.id, { ...was, status: 'unanswered' }]] : NONE;
    default:
      return NONE;
  }
};

const REDUCERS: { readonly [C in LiveId]: CollectionReducer<C> } = {
  incidents,
  warnings,
  teams,
  shelters,
  'open-hazards': openHazards,
  firings,
  callouts,
};

/** What `event` does to `collection`: the entities to put or drop, in order (none if not its target). */
export function entityChanges<C extends LiveId>(
  collection: C,
  entities: Entities<C>,
  event: FeedEvent,
): EntityChange<C>[] {
  if (EVENT_TARGET[event.type] !== collection) return NONE;
  return REDUCERS[collection](entities, event);
}

export function applyPlan(state: PlanState, e: FeedEvent): PlanState {
  if (e.type === 'plan:publish') return { plan: e.payload, progress: [] };
  // Progress of a plan no longer in force is history, not state.
  if (e.type !== 'plan:progress' || e.payload.planId !== state.plan?.id) return state;
  const village = e.payload.village;
  return { ...state, progress: upsert(state.progress, e.payload, (p) => p.village === village) };
}

/** `item` in place of the one `same` finds (keeping its place), or at the end. */
function upsert<T>(list: readonly T[], item: T, same: (x: T) => boolean): T[] {
  const at = list.findIndex(same);
  return at < 0 ? [...list, item] : list.map((x, i) => (i === at ? item : x));
}

export function applyWall(state: WallState, e: FeedEvent): WallState {
  return e.type === 'wall:state' ? e.payload : state;
}

export function applyBriefing(state: BriefingState, e: FeedEvent): BriefingState {
  switch (e.type) {
    case 'briefing:view':
      return { ...state, presented: e.payload };
    case 'briefing:scene': {
      // A replaced scene keeps its place in the deck; a new one goes to the end.
      const id = e.payload.id;
      return { ...state, scenes: upsert(state.scenes, e.payload, (s) => s.id === id) };
    }
    case 'briefing:scene-removed':
      return { ...state, scenes: state.scenes.filter((s) => s.id !== e.payload.id) };
    case 'briefing:scene-moved': {
      const moved = state.scenes.find((s) => s.id === e.payload.id);
      if (!moved) return state;
      const scenes = state.scenes.filter((s) => s.id !== moved.id);
      scenes.splice(Math.min(e.payload.index, scenes.length), 0, moved);
      return { ...state, scenes };
    }
    default:
      return state;
  }
}

/** A scenario's whole live state as plain data. */
export interface LiveData {
  /** The last event applied. */
  seq: number;
  collections: { readonly [C in LiveId]: Entities<C> };
  plan: PlanState;
  /** 点名: who of the transfer registers has been accounted for. */
  roll: RollState;
  wall: WallState;
  briefing: BriefingState;
}

export const NO_PLAN: PlanState = { plan: null, progress: [] };
export const NO_BRIEFING: BriefingState = { presented: null, scenes: [] };

export function emptyLive(): LiveData {
  return {
    seq: 0,
    collections: {
      incidents: new Map(),
      warnings: new Map(),
      teams: new Map(),
      shelters: new Map(),
      'open-hazards': new Map(),
      firings: new Map(),
      callouts: new Map(),
    },
    plan: NO_PLAN,
    roll: NO_ROLL,
    wall: WALL_FREE,
    briefing: NO_BRIEFING,
  };
}

function withChanges<C extends LiveId>(
  entities: Entities<C>,
  changes: readonly EntityChange<C>[],
): Entities<C> {
  if (changes.length === 0) return entities;
  const next = new Map(entities);
  for (const [key, entity] of changes) {
    if (entity) next.set(key, entity);
    else next.delete(key);
  }
  return next;
}

/**
 * The live state with one event applied. Pure: returns new objects for what changed and shares
 * the rest. Events at or below `state.seq` are already in it.
 */
export function apply(state: LiveData, event: FeedEvent): LiveData {
  if (event.seq <= state.seq) return state;
  const at = { ...state, seq: event.seq };
  const target = EVENT_TARGET[event.type];
  switch (target) {
    case 'plan':
      return { ...at, plan: applyPlan(state.plan, event) };
    case 'roll':
      return { ...at, roll: applyRoll(state.roll, event) };
    case 'wall':
      return { ...at, wall: applyWall(state.wall, event) };
    case 'briefing':
      return { ...at, briefing: applyBriefing(state.briefing, event) };
    default: {
      const before = state.collections[target] as Entities<typeof target>;
      const collections = { ...state.collections, [target]: updated(target, before, event) };
      return { ...at, collections };
    }
  }
}

function updated<C extends LiveId>(
  collection: C,
  before: Entities<C>,
  event: FeedEvent,
): Entities<C> {
  return withChanges(before, entityChanges(collection, before, event));
}
