import type { Layer } from '@deck.gl/core';
import { useCallback, useMemo, useState } from 'react';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import type { Hazard } from '../../../shared/transfer/hazard-area.ts';
import { useCollection } from '../../data/collections.ts';
import { planLayers } from './plan-layers.ts';
import { usePlan, type PlanState } from './use-plan.ts';

/**
 * The planner's working state: the chosen hazard, the plan job (in a worker) over the
 * scenario's villages, shelters (live occupancy), roads and teams, and the map layers of both.
 */
export function useTransfer(
  scenario: ScenarioId,
  active: boolean,
  scale: number,
): {
  hazard: Hazard | null;
  setHazard: (h: Hazard | null) => void;
  state: PlanState;
  run: () => void;
  layers: Layer[];
} {
  const [hazard, setHazard] = useState<Hazard | null>(null);
  const villages = useCollection(scenario, 'villages', active).data?.entities;
  const shelters = useCollection(scenario, 'shelters', active).data;
  const roads = useCollection(scenario, 'roads', active).data?.entities;
  const teams = useCollection(scenario, 'teams', active).data?.entities;
  const { state, run: start } = usePlan();
  const run = useCallback(() => {
    if (!hazard || !villages || !shelters || !roads || !teams) return;
    start({ hazard, villages, shelters: shelters.entities, roads, teams });
  }, [hazard, villages, shelters, roads, teams, start]);
  const result = state.status === 'done' ? state.result : null;
  const byId = shelters?.byKey;
  const layers = useMemo(
    () => (active && byId ? planLayers(hazard, result, byId, scale) : []),
    [active, hazard, result, byId, scale],
  );
  // A new hazard makes the old result stale: it is only shown for the hazard it was made for.
  const shown: PlanState =
    state.status === 'done' && state.result.hazardId !== hazard?.id ? { status: 'idle' } : state;
  return { hazard, setHazard, state: shown, run, layers };
}
