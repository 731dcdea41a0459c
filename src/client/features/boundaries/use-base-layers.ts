import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import type { Theme } from '../../map/base-style.ts';
import type { LayerGroup } from '../../map/layer-group.ts';
import { BASE_COLLECTIONS, baseLayerQuery } from './api.ts';
import { baseLayerGroups, type BaseData } from './layers.ts';

export interface BaseLayers {
  groups: LayerGroup[];
  data: BaseData | null;
  loading: boolean;
  error: Error | null;
  retry: () => void;
}

/** Loads the scenario's base geography from the read API and turns it into layer groups. */
export function useBaseLayers(scenario: ScenarioId, theme: Theme): BaseLayers {
  const results = useQueries({ queries: BASE_COLLECTIONS.map((c) => baseLayerQuery(scenario, c)) });
  const [counties, townships, villages, rivers, roads] = results.map((r) => r.data);
  const data = useMemo<BaseData | null>(
    () =>
      counties && townships && villages && rivers && roads
        ? { counties, townships, villages, rivers, roads }
        : null,
    [counties, townships, villages, rivers, roads],
  );
  const groups = useMemo(() => (data ? baseLayerGroups(data, theme) : []), [data, theme]);
  const error = results.find((r) => r.error)?.error ?? null;
  return {
    groups,
    data,
    loading: results.some((r) => r.isPending),
    error,
    retry: () => {
      for (const r of results) if (r.error) void r.refetch();
    },
  };
}
