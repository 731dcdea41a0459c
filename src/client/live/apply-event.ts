import {
  MAX_CLOSED_INCIDENTS,
  teamMoved,
  toFeature,
  type Incident,
  type CollectionId,
  type EntityOf,
  type FeedEvent,
} from '../../shared/protocol/index.ts';
import type { LoadedCollection } from '../data/collections.ts';

/** Which cached collection an event changes. */
export function collectionOfEvent(
  type: FeedEvent['type'],
): 'incidents' | 'warnings' | 'teams' | 'shelters' | 'open-hazards' | null {
  switch (type.split(':')[0]) {
    case 'incident':
      return 'incidents';
    case 'feed':
      // `feed:withheld` withdraws incidents only.
      return type === 'feed:withheld' ? 'incidents' : null;
    case 'warning':
      return 'warnings';
    case 'team':
      return 'teams';
    case 'shelter':
      return 'shelters';
    case 'hazard':
      return 'open-hazards';
    default:
      return null;
  }
}

function withEntity<C extends CollectionId>(
  loaded: LoadedCollection<C>,
  collection: C,
  key: string,
  next: EntityOf<C> | null,
): LoadedCollection<C> {
  const byKey = new Map(loaded.byKey);
  if (next) byKey.set(key, next);
  else byKey.delete(key);
  const old = loaded.features.features;
  const at = old.findIndex((f) => f.id === key);
  const features =
    next === null
      ? old.filter((f) => f.id !== key)
      : at < 0
        ? [...old, toFeature(collection, next)]
        : old.map((f, i) => (i === at ? toFeature(collection, next) : f));
  return {
    ...loaded,
    entities: [...byKey.values()],
    byKey,
    features: { type: 'FeatureCollection', features },
  };
}

/** Drops the longest-closed incidents beyond MAX_CLOSED_INCIDENTS, as the gateway does. */
function withoutOldClosed<C extends CollectionId>(
  loaded: LoadedCollection<C>,
  collection: C,
): LoadedCollection<C> {
  const closed = (loaded.entities as readonly Incident[])
    .filter((i) => i.status === 'closed')
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  let next = loaded;
  for (const old of closed.slice(0, Math.max(0, closed.length - MAX_CLOSED_INCIDENTS)))
    next = withEntity(next, collection, old.id, null);
  return next;
}

/**
 * A collection with one event applied. Pure: returns a new object so React and deck.gl see the
 * change and the input stays as it was. Events at or below the snapshot's `seq` are already in it.
 */
export function applyEvent<C extends CollectionId>(
  loaded: LoadedCollection<C>,
  collection: C,
  event: FeedEvent,
): LoadedCollection<C> {
  if (event.seq <= loaded.seq) return loaded;
  const at = { ...loaded, seq: event.seq };
  switch (event.type) {
    case 'incident:open':
    case 'incident:update': {
      const next = withEntity(at, collection, event.payload.id, event.payload as EntityOf<C>);
      return event.payload.status === 'closed' ? withoutOldClosed(next, collection) : next;
    }
    case 'team:update':
      return withEntity(at, collection, event.payload.id, event.payload as EntityOf<C>);
    case 'hazard:report':
    case 'hazard:update':
      // Closed hidden hazards leave the live collection, as on the gateway.
      return withEntity(
        at,
        collection,
        event.payload.id,
        event.payload.status === 'closed' ? null : (event.payload as EntityOf<C>),
      );
    case 'warning:issue':
    case 'warning:update':
    case 'warning:cancel': {
      let next = at;
      for (const ref of event.payload.references)
        next = withEntity(next, collection, ref.split(',')[1] ?? '', null);
      return event.type === 'warning:cancel'
        ? next
        : withEntity(next, collection, event.payload.identifier, event.payload as EntityOf<C>);
    }
    case 'warning:expire':
      return withEntity(at, collection, event.payload.identifier, null);
    case 'feed:withheld':
      // A sensitive incident this reader may not see (any more): it leaves the picture.
      return event.payload.incident && at.byKey.has(event.payload.incident)
        ? withEntity(at, collection, event.payload.incident, null)
        : at;
    case 'team:move':
    case 'team:status': {
      const team = at.byKey.get(event.payload.id) as EntityOf<'teams'> | undefined;
      if (!team) return at;
      const next =
        event.type === 'team:move'
          ? teamMoved(team, event.payload, event.time)
          : { ...team, status: event.payload.status };
      return next ? withEntity(at, collection, team.id, next as EntityOf<C>) : at;
    }
    case 'shelter:update': {
      const shelter = at.byKey.get(event.payload.id) as EntityOf<'shelters'> | undefined;
      if (!shelter) return at;
      return withEntity(at, collection, shelter.id, {
        ...shelter,
        occupancy: event.payload.occupancy,
        status: event.payload.status,
      } as EntityOf<C>);
    }
    default:
      return at;
  }
}
