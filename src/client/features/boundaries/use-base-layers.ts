import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import { collectionQuery } from '../../data/collections.ts';
import type { Theme } from '../../map/base-style.ts';
import type { LayerGroup } from '../../map/layer-group.ts';
import { BASE_COLLECTIONS } from './api.ts';
import { baseLayerGroups, labelGroup, type BaseData } from './layers.ts';

export interface BaseLayers {
  /** Geography under the entity layers. */
  below: LayerGroup[];
  /** Place names, drawn on top of everything. */
  labels: LayerGroup[];
  data: BaseData | null;
  loading: boolean;
  error: Error | null;
  retry: () => void;
}

/** Loads the scenario's base geography from the read API and turns it into layer groups. */
export function useBaseLayers(
  scenario: ScenarioId,
  theme: Theme,
  showVillageNames: boolean,
  /** Symbol scale for the screen size (see useUiScale). */
  scale = 1,
  overBasemap = false,
): BaseLayers {
  const results = useQueries({
    queries: BASE_COLLECTIONS.map((c) => collectionQuery(scenario, c)),
  });
  const [counties, townships, villages, rivers, roads] = results.map((r) => r.data?.features);
  const data = useMemo<BaseData | null>(
    () =>
      counties && townships && villages && rivers && roads
        ? { counties, townships, villages, rivers, roads }
        : null,
    [counties, townships, villages, rivers, roads],
  );
  const below = useMemo(
    () => (data ? baseLayerGroups(data, theme, overBasemap) : []),
    [data, theme, overBasemap],
  );
  const labels = useMemo(
    () => (data ? [labelGroup(data, theme, showVillageNames, scale)] : []),
    [data, theme, showVillageNames, scale],
  );
  const error = results.find((r) => r.error)?.error ?? null;
  return {
    below,
    labels,
    data,
    loading: results.some((r) => r.isPending),
    error,
    retry: () => {
      for (const r of results) if (r.error) void r.refetch();
    },
  };
}
