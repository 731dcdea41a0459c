import type { Feature } from 'geojson';
import type { CollectionId, EntityOf } from '../../../../shared/protocol/index.ts';
import { useCollection } from '../../../data/collections.ts';
import { useFiltered } from '../filtered.ts';
import type { LayerBuild, LayerInput } from '../layer-spec.ts';

interface EntityLayerOptions<C extends CollectionId> {
  /** Load the collection only once the layer is switched on (the first screen does not need it). */
  lazy?: boolean;
  /** Whether the reader may load it at all (people need a role). */
  allowed?: boolean;
  /** Adds properties to each feature (memoised by the caller: a new function rebuilds). */
  decorate?: (e: EntityOf<C>, f: Feature) => void;
}

/**
 * A layer over one collection: its entities, those that pass the layer's filters (and their
 * features), and what the panel row says (count, loading, error).
 */
export function useEntityLayer<C extends CollectionId>(
  input: LayerInput,
  collection: C,
  { lazy = false, allowed = true, decorate }: EntityLayerOptions<C> = {},
) {
  const query = useCollection(
    input.view.scenario,
    collection,
    allowed && (!lazy || input.choice.on),
  );
  const entities = query.data?.entities;
  const { kept, fc } = useFiltered(entities, collection, input.choice, decorate);
  const row: LayerBuild = {
    count: { shown: kept.length, total: entities?.length ?? 0 },
    fetching: lazy && query.isFetching,
    error: query.error,
  };
  return { query, entities, kept, fc, row };
}
