import { useMemo } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import { toFeature, type CollectionId, type EntityOf } from '../../../shared/protocol/index.ts';
import type { LayerChoice } from '../../state/view-state.ts';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A layer's entities that pass its filters, and their features (decorated if asked). */
export function useFiltered<C extends CollectionId>(
  entities: readonly EntityOf<C>[] | undefined,
  collection: C,
  choice: LayerChoice,
  decorate?: (e: EntityOf<C>, f: Feature) => void,
) {
  const filterKey = JSON.stringify(choice.filters);
  return useMemo(() => {
    if (!entities) return { kept: [] as EntityOf<C>[], fc: EMPTY };
    // Filters by content: a new but equal filter object must not rebuild the layer.
    const filters = JSON.parse(filterKey) as LayerChoice['filters'];
    const kept = entities.filter((e) => passes(e as object, filters));
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: kept.map((e) => {
        const f = toFeature(collection, e);
        decorate?.(e, f);
        return f;
      }),
    };
    return { kept, fc };
  }, [entities, collection, filterKey, decorate]);
}

/** Quantile class breaks (5 classes) of the values, ascending and distinct. */
export function quantileBreaks(values: readonly number[], classes = 5): number[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks = new Set<number>();
  for (let k = 1; k < classes; k++)
    breaks.add(sorted[Math.floor((k * sorted.length) / classes)] ?? 0);
  return [...breaks].filter((b) => b > (sorted[0] ?? 0)).sort((a, b) => a - b);
}

/** Whether an entity passes a layer's filters (a field without a filter passes). */
export function passes(entity: object, filters: LayerChoice['filters']): boolean {
  for (const [field, values] of Object.entries(filters)) {
    if (!values.includes(String((entity as Record<string, unknown>)[field]))) return false;
  }
  return true;
}
