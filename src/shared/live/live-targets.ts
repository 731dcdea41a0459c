import {
  COLLECTIONS,
  type CollectionId,
  type EntityOf,
  type KnownEventType,
} from '../protocol/index.ts';

/** The collections the feed changes (and a replay rebuilds); the rest are fixtures. */
export const LIVE_IDS = [
  'incidents',
  'warnings',
  'teams',
  'shelters',
  'open-hazards',
  'firings',
  'callouts',
] as const satisfies readonly CollectionId[];
export type LiveId = (typeof LIVE_IDS)[number];

/** What one event changes: a live collection, or one of the scenario's single live values. */
export type LiveTarget = LiveId | 'plan' | 'roll' | 'wall' | 'briefing';

/**
 * Which part of the live state each event type changes. `satisfies` makes a new event type a
 * compile error until it is given a target here (and a case in the reducer).
 */
export const EVENT_TARGET = {
  'incident:open': 'incidents',
  'incident:update': 'incidents',
  // A stand-in for an event the reader may not see; naming an incident withdraws it.
  'feed:withheld': 'incidents',
  'warning:issue': 'warnings',
  'warning:update': 'warnings',
  'warning:cancel': 'warnings',
  'warning:expire': 'warnings',
  'team:update': 'teams',
  'team:move': 'teams',
  'team:status': 'teams',
  'shelter:update': 'shelters',
  'hazard:report': 'open-hazards',
  'hazard:update': 'open-hazards',
  'firing:open': 'firings',
  'firing:update': 'firings',
  'firing:clear': 'firings',
  'callout:open': 'callouts',
  'callout:retry': 'callouts',
  'callout:escalate': 'callouts',
  'callout:answer': 'callouts',
  'callout:lapse': 'callouts',
  'callout:close': 'callouts',
  'plan:publish': 'plan',
  'plan:progress': 'plan',
  'checkin:arrive': 'roll',
  'wall:state': 'wall',
  'briefing:view': 'briefing',
  'briefing:scene': 'briefing',
  'briefing:scene-removed': 'briefing',
  'briefing:scene-moved': 'briefing',
} as const satisfies Record<KnownEventType, LiveTarget>;

export type TargetOf<T extends KnownEventType> = (typeof EVENT_TARGET)[T];

export function targetOf(type: KnownEventType): LiveTarget {
  return EVENT_TARGET[type];
}

export function isLiveId(id: string): id is LiveId {
  return (LIVE_IDS as readonly string[]).includes(id);
}

export interface LiveCollectionEntry<C extends LiveId> {
  id: C;
  schema: (typeof COLLECTIONS)[C]['schema'];
  /** The entity field that keys it (its feature id). */
  key: (typeof COLLECTIONS)[C]['key'];
  /** The event types that change it. */
  events: readonly KnownEventType[];
}

/** The registry of live collections: id, schema, key and the events that touch each. */
export const LIVE_COLLECTIONS: { readonly [C in LiveId]: LiveCollectionEntry<C> } = (() => {
  const entry = <C extends LiveId>(id: C): LiveCollectionEntry<C> => ({
    id,
    schema: COLLECTIONS[id].schema,
    key: COLLECTIONS[id].key,
    events: (Object.keys(EVENT_TARGET) as KnownEventType[]).filter((t) => EVENT_TARGET[t] === id),
  });
  return {
    incidents: entry('incidents'),
    warnings: entry('warnings'),
    teams: entry('teams'),
    shelters: entry('shelters'),
    'open-hazards': entry('open-hazards'),
    firings: entry('firings'),
    callouts: entry('callouts'),
  };
})();

/** The key an entity is filed under (its feature id). */
export function keyOf<C extends CollectionId>(collection: C, entity: EntityOf<C>): string {
  return String((entity as Record<string, unknown>)[COLLECTIONS[collection].key]);
}
