import type { FeatureCollection } from 'geojson';
import { entityChanges, keyOf, type EntityChange, type LiveId } from '../../shared/live/index.ts';
import {
  toFeature,
  type CollectionId,
  type EntityOf,
  type FeedEvent,
} from '../../shared/protocol/index.ts';

export interface LoadedCollection<C extends CollectionId> {
  /** The feed event the snapshot reflects (0 for collections the feed does not change). */
  seq: number;
  features: FeatureCollection;
  entities: EntityOf<C>[];
  byKey: Map<string, EntityOf<C>>;
}

/** A collection as the console holds it: entities, their index, and the features drawn. */
export function loadedCollection<C extends CollectionId>(
  collection: C,
  entities: EntityOf<C>[],
  seq: number,
  features: FeatureCollection = {
    type: 'FeatureCollection',
    features: entities.map((e) => toFeature(collection, e)),
  },
): LoadedCollection<C> {
  const byKey = new Map(entities.map((e) => [keyOf(collection, e), e]));
  return { seq, features, entities, byKey };
}

/**
 * A live collection with events applied through the shared reducer (the gateway applies them
 * through the same one). Pure: a new object when anything changed, so React and deck.gl see it;
 * events at or below the snapshot's `seq` are already in it. The features drawn are patched by
 * key rather than rebuilt, so a team's move costs one feature, not the collection.
 */
export function withEvents<C extends LiveId>(
  loaded: LoadedCollection<C>,
  collection: C,
  events: readonly FeedEvent[],
): LoadedCollection<C> {
  const mine = events.filter((e) => e.seq > loaded.seq);
  if (mine.length === 0) return loaded;
  let byKey: Map<string, EntityOf<C>> | null = null;
  const touched = new Set<string>();
  for (const e of mine) {
    const changes: EntityChange<C>[] = entityChanges(collection, byKey ?? loaded.byKey, e);
    if (changes.length === 0) continue;
    byKey ??= new Map(loaded.byKey);
    for (const [key, entity] of changes) {
      touched.add(key);
      if (entity) byKey.set(key, entity);
      else byKey.delete(key);
    }
  }
  const seq = Math.max(loaded.seq, ...mine.map((e) => e.seq));
  if (!byKey) return { ...loaded, seq };
  const next = byKey;
  const kept = loaded.features.features.flatMap((f) => {
    const key = String(f.id);
    if (!touched.has(key)) return [f];
    const entity = next.get(key);
    return entity ? [toFeature(collection, entity)] : [];
  });
  const had = new Set(loaded.features.features.map((f) => String(f.id)));
  for (const key of touched) {
    const entity = next.get(key);
    if (entity && !had.has(key)) kept.push(toFeature(collection, entity));
  }
  return {
    seq,
    byKey: next,
    entities: [...next.values()],
    features: { type: 'FeatureCollection', features: kept },
  };
}
