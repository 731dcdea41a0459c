import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { hiddenHazardReader, reportReader } from '../../shared/columnar/history.ts';
import {
  COLLECTIONS,
  fromFeature,
  type CollectionId,
  type EntityOf,
  type HazardStats,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { fetchHazardStats, fetchReportStats, fetchTable } from '../api/live-reads.ts';
import { ApiError, fetchAllItems } from '../api/read-api.ts';
import { EVENT_TARGET, isLiveId } from '../../shared/live/index.ts';
import { useReplaying } from '../state/replay-store.ts';
import { loadedCollection, type LoadedCollection } from './loaded-collection.ts';

export type { LoadedCollection } from './loaded-collection.ts';

/**
 * A whole collection, each item checked against the same zod schema the gateway used: a gateway
 * that sends something else is reported, not drawn.
 */
export function collectionQuery<C extends CollectionId>(scenario: ScenarioId, collection: C) {
  return queryOptions({
    queryKey: ['collection', scenario, collection],
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<LoadedCollection<C>> => {
      const features = await fetchAllItems(scenario, collection, signal);
      // The registry's schema for C parses to EntityOf<C>; TypeScript cannot follow the lookup.
      const schema = COLLECTIONS[collection].schema as unknown as z.ZodType<EntityOf<C>>;
      const entities: EntityOf<C>[] = [];
      for (const f of features.features) {
        const r = schema.safeParse(fromFeature(collection, f));
        if (!r.success) {
          throw new ApiError(
            0,
            `${collection} item ${String(f.id)} breaks the contract: ${z.prettifyError(r.error)}`,
          );
        }
        entities.push(r.data);
      }
      return loadedCollection(collection, entities, features.seq, features);
    },
  });
}

/**
 * A live collection as a replay shows it: set by the replay player (never fetched, never
 * touched by the live feed), so the past and the present cannot mix.
 */
export function replayCollectionQuery<C extends CollectionId>(scenario: ScenarioId, collection: C) {
  return queryOptions({
    queryKey: ['replay', scenario, collection],
    staleTime: Infinity,
    queryFn: (): Promise<LoadedCollection<C>> =>
      Promise.reject(new Error('replay data comes from the replay player')),
    enabled: false,
  });
}

export function useCollection<C extends CollectionId>(
  scenario: ScenarioId,
  collection: C,
  enabled = true,
) {
  const replaying = useReplaying() && isLiveId(collection);
  const live = useQuery({
    ...collectionQuery(scenario, collection),
    enabled: enabled && !replaying,
  });
  const past = useQuery(replayCollectionQuery(scenario, collection));
  return replaying ? past : live;
}

/** The 600,000-row report history as columns, plus float positions for the GPU. */
export function reportsQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['table', scenario, 'hazard-reports'],
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const table = await fetchTable(scenario, 'hazard-reports', signal);
      const reader = reportReader(table);
      const positions = new Float32Array(reader.rows * 2);
      for (let i = 0; i < reader.rows; i++) {
        positions[i * 2] = (reader.lon[i] ?? 0) / 1e6;
        positions[i * 2 + 1] = (reader.lat[i] ?? 0) / 1e6;
      }
      return { table, reader, positions };
    },
  });
}

export function hiddenHazardsQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['table', scenario, 'hidden-hazards'],
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const table = await fetchTable(scenario, 'hidden-hazards', signal);
      return { table, reader: hiddenHazardReader(table) };
    },
  });
}

/** Hidden-hazard KPIs per township (history + live), counted by the gateway. */
export function hazardStatsQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['stats', scenario, 'hazards'],
    staleTime: 60_000,
    // The counts include the history the console does not hold: ask again after hazard events.
    meta: { staleOn: (e) => EVENT_TARGET[e.type] === 'open-hazards' },
    queryFn: ({ signal }): Promise<HazardStats> => fetchHazardStats(scenario, signal),
  });
}

/** Report totals and settled counts per township, aggregated by the gateway. */
export function reportStatsQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['stats', scenario, 'reports'],
    staleTime: Infinity,
    queryFn: async ({ signal }) =>
      new Map(Object.entries((await fetchReportStats(scenario, signal)).byTownship)),
  });
}
