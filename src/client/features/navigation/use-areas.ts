import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AdminArea, ScenarioId } from '../../../shared/protocol/index.ts';
import { collectionQuery } from '../../data/collections.ts';

export interface AreaIndex {
  byCode: Map<string, AdminArea>;
  root: AdminArea | null;
  /** Root first, the area itself last. */
  chain(code: string | null): AdminArea[];
}

/** Every admin area of the scenario by code, for drill-down, breadcrumbs and search. */
export function useAreas(scenario: ScenarioId): AreaIndex | null {
  const results = useQueries({
    queries: (['cities', 'counties', 'townships', 'villages'] as const).map((c) =>
      collectionQuery(scenario, c),
    ),
  });
  const [cities, counties, townships, villages] = results.map((r) => r.data?.entities);
  return useMemo(() => {
    if (!cities || !counties || !townships || !villages) return null;
    const lists = [cities, counties, townships, villages];
    const byCode = new Map<string, AdminArea>();
    for (const list of lists) for (const a of list) byCode.set(a.code, a);
    // Kaifeng's root is its city; Erqi's is the district itself.
    const root = cities[0] ?? (counties.length === 1 ? counties[0] : undefined) ?? null;
    const chain = (code: string | null): AdminArea[] => {
      const out: AdminArea[] = [];
      for (
        let a = code ? byCode.get(code) : undefined;
        a;
        a = a.parentCode ? byCode.get(a.parentCode) : undefined
      ) {
        out.unshift(a);
      }
      if (root && out[0]?.code !== root.code) out.unshift(root);
      return out;
    };
    return { byCode, root, chain };
  }, [cities, counties, townships, villages]);
}
