import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ScenarioId, ScenarioMeta } from '../../../shared/protocol/index.ts';
import { fetchScenarios } from '../../api/read-api.ts';

export const scenariosQuery = queryOptions({
  queryKey: ['scenarios'],
  queryFn: ({ signal }) => fetchScenarios(signal),
  staleTime: Infinity,
});

export function useScenarioMeta(id: ScenarioId): ScenarioMeta | undefined {
  return useQuery({ ...scenariosQuery, select: (all) => all.find((s) => s.id === id) }).data;
}
