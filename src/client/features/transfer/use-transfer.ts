import { countedByName } from '../../../shared/people/accounting.ts';
import { useSession } from '../../api/session.ts';
import { useVillageTallies } from '../../data/register-tallies.ts';
import { useReplaying } from '../../state/replay-store.ts';
import type { Layer } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import type { Hazard } from '../../../shared/transfer/hazard-area.ts';
import { warningHazard } from '../../../shared/transfer/hazard-scenarios.ts';
import { useCollection } from '../../data/collections.ts';
import { useClock } from '../../state/use-today.ts';
import { villageProgress } from './plan-progress.tsx';
import { usePlanInForce } from '../../data/live-values.ts';
import { planLayers, progressLayers } from './plan-layers.ts';
import { usePlan, type PlanState } from './use-plan.ts';
import { useDrawnHazard, type DrawnHazard } from './use-drawn-hazard.ts';

export interface Constraints {
  pins: { village: string; shelter: string; people: number }[];
  forbidden: { village: string; shelter: string }[];
}
export const NO_CONSTRAINTS: Constraints = { pins: [], forbidden: [] };

/**
 * The planner's working state: the chosen hazard, the plan job (in a worker) over the
 * scenario's villages, shelters (live occupancy), roads and teams, and the map layers of both.
 */
export function useTransfer(
  scenario: ScenarioId,
  active: boolean,
  scale: number,
  /** Prepare drafts for new orange/red warnings even when the panel is closed. */
  auto = true,
): {
  hazard: Hazard | null;
  setHazard: (h: Hazard | null) => void;
  state: PlanState;
  run: () => void;
  layers: Layer[];
  /** The warning that last prepared a draft by itself (the shell opens the panel for it). */
  drafted: string | null;
  constraints: Constraints;
  setConstraints: (c: Constraints) => void;
  draw: DrawnHazard;
} {
  const [hazard, setHazard] = useState<Hazard | null>(null);
  // The planner's decisions the next solve honours.
  const [constraints, setConstraints] = useState<Constraints>(NO_CONSTRAINTS);
  // Loaded when planning, or always where a warning may prepare a draft by itself.
  const villages = useCollection(scenario, 'villages', active || auto).data?.entities;
  const shelters = useCollection(scenario, 'shelters', active || auto).data;
  const roads = useCollection(scenario, 'roads', active || auto).data?.entities;
  const teams = useCollection(scenario, 'teams', active || auto).data?.entities;
  const rivers = useCollection(scenario, 'rivers', active || auto).data?.entities;
  const draw = useDrawnHazard(setHazard);
  const { state, run: start } = usePlan();
  const runFor = useCallback(
    (h: Hazard | null) => {
      if (!h || !villages || !shelters || !roads || !teams) return false;
      start({ hazard: h, villages, shelters: shelters.entities, roads, teams, ...constraints });
      return true;
    },
    [villages, shelters, roads, teams, start, constraints],
  );
  const run = useCallback(() => void runFor(hazard), [runFor, hazard]);

  // An orange or red warning issued or upgraded while the console is open prepares a draft by
  // itself: its villages light up and the plan is ready when the planner looks.
  const warnings = useCollection(scenario, 'warnings').data?.entities;
  const seen = useRef<Set<string> | null>(null);
  const [drafted, setDrafted] = useState<string | null>(null);
  const [pending, setPending] = useState<Hazard | null>(null);
  useEffect(() => {
    if (!warnings || !rivers) return;
    const serious = warnings.filter(
      (w) =>
        (w.level === 'orange' || w.level === 'red') &&
        w.areas.some((a) => a.polygons.length + a.circles.length > 0),
    );
    const keys = serious.map((w) => `${w.identifier}:${w.level}`);
    if (seen.current === null) {
      // Warnings already standing when the console opened are not news.
      seen.current = new Set(keys);
      return;
    }
    const fresh = serious.find((w) => !seen.current?.has(`${w.identifier}:${w.level}`));
    for (const k of keys) seen.current.add(k);
    if (fresh) setPending(warningHazard(fresh, rivers));
  }, [warnings, rivers]);
  useEffect(() => {
    if (pending && runFor(pending)) {
      // The warning came from the feed and the worker is started here: record what was drafted.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- once per new warning
      setHazard(pending);
      setDrafted(pending.id);
      setPending(null);
    }
  }, [pending, runFor]);
  const result = state.status === 'done' ? state.result : null;
  const byId = shelters?.byKey;
  // The plan in force, its progress drawn whenever the planner's panel is open.
  const current = usePlanInForce(scenario, active).data;
  const villageSeats = useCollection(scenario, 'villages', active).data?.byKey;
  const townshipSeats = useCollection(scenario, 'townships', active).data?.byKey;
  const now = useClock(active, 15_000);
  // The map's township figures count as the panel's headline does: by name where registered.
  const session = useSession();
  const replaying = useReplaying();
  const tallies = useVillageTallies(scenario, active && session !== null && !replaying);
  const layers = useMemo(() => {
    if (!active || !byId) return [];
    const out = planLayers(hazard, result, byId, scale);
    if (current?.plan) {
      const seat = (code: string) =>
        (code.length === 9 ? townshipSeats?.get(code) : villageSeats?.get(code))?.seat;
      out.push(
        ...progressLayers(
          countedByName(villageProgress(current.plan, current.progress, now), tallies ?? new Map()),
          seat,
          scale,
        ),
      );
    }
    return out;
  }, [active, hazard, result, byId, scale, current, villageSeats, townshipSeats, now, tallies]);
  // A new hazard makes the old result stale: it is only shown for the hazard it was made for.
  const shown: PlanState =
    state.status === 'done' && state.result.hazardId !== hazard?.id ? { status: 'idle' } : state;
  return {
    hazard,
    setHazard,
    state: shown,
    run,
    layers,
    drafted,
    constraints,
    setConstraints,
    draw: active ? draw : { ...draw, onPolygon: null },
  };
}
