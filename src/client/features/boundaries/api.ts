import { queryOptions } from '@tanstack/react-query';
import type { CollectionId, ScenarioId } from '../../../shared/protocol/index.ts';
import { fetchAllItems } from '../../api/read-api.ts';

/** The base geography of a scenario: it changes only when the fixtures are regenerated. */
export const BASE_COLLECTIONS = [
  'counties',
  'townships',
  'villages',
  'rivers',
  'roads',
] as const satisfies readonly CollectionId[];
export type BaseCollection = (typeof BASE_COLLECTIONS)[number];

export function baseLayerQuery(scenario: ScenarioId, collection: BaseCollection) {
  return queryOptions({
    queryKey: ['items', scenario, collection],
    queryFn: ({ signal }) => fetchAllItems(scenario, collection, signal),
    staleTime: Infinity,
  });
}
