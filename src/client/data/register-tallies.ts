import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { villageTallies, type Tally } from '../../shared/people/accounting.ts';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import { fetchRegisterSummary } from '../api/roll-reads.ts';
import { rollQuery } from './live-values.ts';

/** The registers' figures per village (no names); they change only with an import. */
export function registerQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['register', scenario],
    queryFn: ({ signal }) => fetchRegisterSummary(scenario, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * Every registered village's tally by name, kept current by the feed; null while it is not
 * counted by name (`enabled` false: not cleared to see people, or replaying) or not loaded yet.
 */
export function useVillageTallies(
  scenario: ScenarioId,
  enabled: boolean,
): ReadonlyMap<string, Tally> | null {
  const register = useQuery({ ...registerQuery(scenario), enabled }).data;
  const roll = useQuery({ ...rollQuery(scenario), enabled }).data;
  return useMemo(
    () => (enabled && register && roll ? villageTallies(register.villages, roll) : null),
    [enabled, register, roll],
  );
}
