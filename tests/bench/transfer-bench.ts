/**
 * Transfer planning at Kaifeng scale: every river's overflow scenario (deep 0.5 km, shallow
 * 1.5 km either side of the channel), one embankment breach and urban waterlogging under 100 mm
 * of rain, over every village, every shelter and the whole road network.
 * Prints the time to a plan by stage, its person-minutes beside the greedy "nearest shelter with
 * room" baseline, and the optimality gap against HiGHS on the same transportation LP.
 */
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { loadScenario } from '../../src/server/data/scenario-store.ts';
import {
  breachScenarios,
  riverFloodScenarios,
  waterloggingScenarios,
} from '../../src/shared/transfer/hazard-scenarios.ts';
import { runPlanJob } from '../../src/shared/transfer/plan-job.ts';
import type { PlanInput } from '../../src/shared/transfer/plan.ts';
import loadHighs from 'highs';
import { ROOT } from '../support/gateway.ts';
import { median } from './bench-util.ts';

const data = loadScenario(`${ROOT}fixtures`, 'kaifeng');
const get = <C extends 'villages' | 'shelters' | 'roads' | 'teams' | 'rivers' | 'risk-points'>(
  c: C,
) => (data.collections.get(c) as EntityCollection<C>).entities;
const hazards = [
  ...riverFloodScenarios(get('rivers')),
  ...breachScenarios(get('rivers'), get('risk-points')).slice(0, 1),
  ...waterloggingScenarios(get('risk-points')).filter((h) => h.id === 'waterlogging-100'),
];
const fmt = (n: number) => Math.round(n).toLocaleString('en');

for (const hazard of hazards) {
  const runs = [];
  let result;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = runPlanJob({
      hazard,
      villages: get('villages'),
      shelters: get('shelters'),
      roads: get('roads'),
      teams: get('teams'),
      // Like for like with the baseline, which does not tell vulnerable people apart.
      vulnerablePenaltyS: 0,
    });
    runs.push(performance.now() - t);
  }
  if (!result) continue;
  const { plan, optimum, greedy, ms } = result;
  console.log(
    `${hazard.id} at Kaifeng: ${result.villages.length} villages, ${fmt(plan.totals.people)} people, ${result.sheltersUsable} usable shelters, ${result.closedRoads.length} roads closed, ${result.cutOff.length} villages cut off`,
  );
  console.log(
    `  time to a plan: median ${median(runs).toFixed(0)} ms (area ${ms.area.toFixed(0)} ms, travel times ${ms.travel.toFixed(0)} ms, solve ${ms.solve.toFixed(0)} ms)`,
  );
  console.log(
    `  keeping villages together: split ${optimum.splitVillages} → ${plan.totals.splitVillages} villages for ${((plan.totals.personMinutes / Math.max(1, optimum.personMinutes) - 1) * 100).toFixed(2)}% more person-minutes than the optimum`,
  );
  console.log(
    `  person-minutes: optimal ${fmt(optimum.personMinutes)} vs greedy ${fmt(greedy.personMinutes)} (${((greedy.personMinutes / Math.max(1, optimum.personMinutes) - 1) * 100).toFixed(1)}% more); unplaced ${fmt(optimum.unplaced)} vs ${fmt(greedy.unplaced)}; villages split ${optimum.splitVillages} vs ${greedy.splitVillages}`,
  );
}

// Column generation (start from each village's nearest 24 shelters, price the rest) against
// every arc from the start: the same optimum, and how much faster.
for (const hazard of hazards) {
  const args = {
    hazard,
    villages: get('villages'),
    shelters: get('shelters'),
    roads: get('roads'),
    teams: get('teams'),
    consolidate: false,
  };
  const pruned = runPlanJob(args);
  const full = runPlanJob({ ...args, candidates: Infinity });
  const gap = pruned.plan.totals.personMinutes / full.plan.totals.personMinutes - 1;
  console.log(
    `  ${hazard.id}: column generation ${pruned.ms.solve.toFixed(0)} ms vs all arcs ${full.ms.solve.toFixed(0)} ms (${(full.ms.solve / Math.max(1, pruned.ms.solve)).toFixed(1)}×), objective gap ${(gap * 100).toFixed(3)}%, unplaced ${pruned.plan.totals.unplaced} vs ${full.plan.totals.unplaced}`,
  );
}

// Optimality against HiGHS on the same transportation LP, where it finishes in reasonable time.
const highs = await loadHighs();
for (const hazard of hazards.slice(0, 2)) {
  let problem: PlanInput | undefined;
  const ours = runPlanJob(
    {
      hazard,
      villages: get('villages'),
      shelters: get('shelters'),
      roads: get('roads'),
      teams: get('teams'),
      vulnerablePenaltyS: 0,
      consolidate: false,
    },
    undefined,
    (p) => (problem = p),
  );
  if (!problem) continue;
  const p = problem;
  const BIG = 1e7;
  const terms: string[] = [];
  const supply: string[] = [];
  const cap = p.shelters.map(() => [] as string[]);
  p.villages.forEach((v, i) => {
    const vars = [`u${i}`];
    terms.push(`${BIG} u${i}`);
    p.shelters.forEach((_, j) => {
      const s = p.seconds(i, j);
      if (!Number.isFinite(s)) return;
      terms.push(`${Math.round(s)} x${i}_${j}`);
      vars.push(`x${i}_${j}`);
      cap[j]?.push(`x${i}_${j}`);
    });
    supply.push(` s${i}: ${vars.join(' + ')} = ${v.people}`);
  });
  const caps = p.shelters.flatMap((s, j) =>
    (cap[j]?.length ?? 0) > 0 ? [` c${j}: ${cap[j]?.join(' + ')} <= ${s.capacity}`] : [],
  );
  const lp = `Minimize\n obj: ${terms.join(' + ')}\nSubject To\n${[...supply, ...caps].join('\n')}\nEnd`;
  const t = performance.now();
  const r = highs.solve(lp, { output_flag: false });
  const highsMs = performance.now() - t;
  const oursCost =
    ours.plan.assignments.reduce((n, a) => n + a.people * Math.round(a.seconds), 0) +
    ours.plan.totals.unplaced * BIG;
  console.log(
    `  HiGHS on ${hazard.name} (${p.villages.length} × ${p.shelters.length}): ${r.Status}, ${highsMs.toFixed(0)} ms; gap ${(((oursCost - r.ObjectiveValue) / r.ObjectiveValue) * 100).toFixed(4)}%`,
  );
}
