import type { LonLat } from '../protocol/index.ts';
import { MinCostFlow } from './min-cost-flow.ts';

export interface PlanVillage {
  code: string;
  people: number;
  /** Of `people`: elderly living alone, disabled, bed-ridden, pregnant, children left behind. */
  vulnerable: number;
  position: LonLat;
}

export interface PlanShelter {
  id: string;
  /** Free night places. */
  capacity: number;
  medical: boolean;
  position: LonLat;
}

export interface PlanInput {
  villages: readonly PlanVillage[];
  shelters: readonly PlanShelter[];
  /** Road seconds from village `v` to shelter `s` (Infinity: no way round the closed roads). */
  seconds: (v: number, s: number) => number;
  /** Added to the cost of a vulnerable person sent to a shelter without medical care. @default 1800 */
  vulnerablePenaltyS?: number;
  /** Fixed by the planner: so many people of a village to a shelter, before anything else. */
  pins?: readonly { village: string; shelter: string; people: number }[];
  /** Assignments the planner ruled out. */
  forbidden?: readonly { village: string; shelter: string }[];
  /**
   * Shelters per village in the first round (nearest first); arcs left out are priced after each
   * round and added where they would improve the plan, so the answer is optimal whatever this is.
   * @default 24
   */
  candidates?: number;
  onProgress?: (placed: number, total: number) => void;
}

export interface Assignment {
  village: string;
  shelter: string;
  people: number;
  /** Of `people`, how many are vulnerable. */
  vulnerable: number;
  seconds: number;
  pinned: boolean;
}

export interface Plan {
  assignments: Assignment[];
  /** People with no place: capacity is short, or no road reaches a shelter with room. */
  unplaced: { village: string; people: number; vulnerable: number }[];
  totals: {
    people: number;
    placed: number;
    unplaced: number;
    /** Σ people × travel minutes of the placed (the objective, penalties excluded). */
    personMinutes: number;
    /** Villages sent to more than one shelter. */
    splitVillages: number;
  };
}

/** Shelters per village in the first round of column generation (see `solvePlan`). */
const DEFAULT_CANDIDATES = 24;

/** The cost of leaving a person without a place: more than any drive. */
const NO_PLACE = 1e7;

/**
 * Everyone to a shelter at least total travel time, as a min-cost flow: source → (village,
 * general | vulnerable) → shelter → sink, shelter arcs capped at free night places, vulnerable
 * people charged a penalty for shelters without medical care, and an expensive "no place" arc so
 * a plan always comes back and says who is left over.
 */
export function solvePlan(input: PlanInput): Plan {
  const { villages, shelters } = input;
  const penalty = input.vulnerablePenaltyS ?? 1800;
  const forbidden = new Set((input.forbidden ?? []).map((f) => `${f.village}|${f.shelter}`));
  const shelterIndex = new Map(shelters.map((s, i) => [s.id, i]));
  const free = shelters.map((s) => Math.max(0, s.capacity));
  const assignments: Assignment[] = [];
  const left = villages.map((v) => ({
    general: v.people - v.vulnerable,
    vulnerable: v.vulnerable,
  }));

  // Pins first: they take their people and places out of the problem.
  for (const pin of input.pins ?? []) {
    const v = villages.findIndex((x) => x.code === pin.village);
    const s = shelterIndex.get(pin.shelter);
    const l = left[v];
    if (v < 0 || s === undefined || !l) continue;
    const people = Math.min(pin.people, l.general + l.vulnerable, free[s] ?? 0);
    if (people <= 0) continue;
    const vulnerable = Math.min(l.vulnerable, people);
    l.vulnerable -= vulnerable;
    l.general -= people - vulnerable;
    free[s] = (free[s] ?? 0) - people;
    assignments.push({
      village: pin.village,
      shelter: pin.shelter,
      people,
      vulnerable,
      seconds: input.seconds(v, s),
      pinned: true,
    });
  }

  // Nodes: 0 source, 1 sink, 2 + 2v (+1) village general/vulnerable, then shelters.
  const shelterNode = (s: number) => 2 + villages.length * 2 + s;
  // Whole seconds: the flow's potentials stay exact (see MinCostFlow).
  const cost = (v: number, s: number, vulnerable: boolean) =>
    Math.round(input.seconds(v, s) + (vulnerable && !shelters[s]?.medical ? penalty : 0));

  // Each village's usable shelters, nearest first.
  const orders = villages.map((village, v) =>
    shelters
      .map((_, s) => s)
      .filter((s) => Number.isFinite(input.seconds(v, s)) && (free[s] ?? 0) > 0)
      .filter((s) => !forbidden.has(`${village.code}|${shelters[s]?.id ?? ''}`))
      .sort((a, b) => input.seconds(v, a) - input.seconds(v, b)),
  );
  // Column generation: solve over each village's nearest few shelters, then price every arc
  // left out against the solution's potentials. An arc with a negative reduced cost could
  // shorten the total; add those and solve again. When none is left the plan is optimal for
  // the whole problem, not just the pruned one, at a fraction of the arcs.
  const take = orders.map((o) => o.slice(0, input.candidates ?? DEFAULT_CANDIDATES));
  let solved = buildAndSolve(take);
  const batch = input.candidates ?? DEFAULT_CANDIDATES;
  for (;;) {
    let added = 0;
    villages.forEach((_village, v) => {
      const have = new Set(take[v]);
      const improving: { s: number; rc: number }[] = [];
      for (const vulnerable of [false, true]) {
        const pv = solved.g.potentialOf(2 + v * 2 + (vulnerable ? 1 : 0));
        for (const s of orders[v] ?? []) {
          if (have.has(s)) continue;
          const rc = cost(v, s, vulnerable) + pv - solved.g.potentialOf(shelterNode(s));
          if (rc < 0) improving.push({ s, rc });
        }
      }
      // Partial pricing: the most improving few per village and round. Adding every improving
      // arc at once floods the graph (a short first round leaves people without a place, and
      // then every arc looks better than that).
      improving.sort((a, b) => a.rc - b.rc);
      let room = batch;
      for (const { s } of improving) {
        if (room === 0) break;
        if (have.has(s)) continue;
        have.add(s);
        take[v]?.push(s);
        added++;
        room--;
      }
    });
    if (added === 0) break;
    solved = buildAndSolve(take);
  }
  const { g, arcs, noPlace } = solved;

  function buildAndSolve(take: readonly (readonly number[])[]) {
    const g = new MinCostFlow(2 + villages.length * 2 + shelters.length);
    for (let s = 0; s < shelters.length; s++) {
      if ((free[s] ?? 0) > 0) g.addArc(shelterNode(s), 1, free[s] ?? 0, 0);
    }
    const arcs: { v: number; s: number; vulnerable: boolean; arc: number }[] = [];
    const noPlace: { v: number; vulnerable: boolean; arc: number }[] = [];
    let total = 0;
    villages.forEach((_village, v) => {
      const order = take[v] ?? [];
      for (const vulnerable of [false, true]) {
        const supply = vulnerable ? (left[v]?.vulnerable ?? 0) : (left[v]?.general ?? 0);
        if (supply <= 0) continue;
        total += supply;
        const node = 2 + v * 2 + (vulnerable ? 1 : 0);
        g.addArc(0, node, supply, 0);
        for (const s of order) {
          arcs.push({
            v,
            s,
            vulnerable,
            arc: g.addArc(node, shelterNode(s), supply, cost(v, s, vulnerable)),
          });
        }
        noPlace.push({ v, vulnerable, arc: g.addArc(node, 1, supply, NO_PLACE) });
      }
    });
    g.solve(0, 1, total, (flow) => input.onProgress?.(flow, total));
    return { g, arcs, noPlace };
  }

  const byPair = new Map<string, Assignment>();
  for (const { v, s, vulnerable, arc } of arcs) {
    const flow = g.flowOf(arc);
    if (flow <= 0) continue;
    const village = villages[v]?.code ?? '';
    const shelter = shelters[s]?.id ?? '';
    const key = `${village}|${shelter}`;
    const a = byPair.get(key) ?? {
      village,
      shelter,
      people: 0,
      vulnerable: 0,
      seconds: input.seconds(v, s),
      pinned: false,
    };
    a.people += flow;
    if (vulnerable) a.vulnerable += flow;
    byPair.set(key, a);
  }
  assignments.push(...byPair.values());
  const unplacedBy = new Map<string, { village: string; people: number; vulnerable: number }>();
  for (const { v, vulnerable, arc } of noPlace) {
    const flow = g.flowOf(arc);
    if (flow <= 0) continue;
    const village = villages[v]?.code ?? '';
    const u = unplacedBy.get(village) ?? { village, people: 0, vulnerable: 0 };
    u.people += flow;
    if (vulnerable) u.vulnerable += flow;
    unplacedBy.set(village, u);
  }
  return summarize(villages, assignments, [...unplacedBy.values()]);
}

/**
 * The baseline planners are measured against: villages in order, each to the nearest shelter
 * that still has room (spilling to the next nearest), vulnerable people not treated apart.
 */
export function greedyPlan(input: PlanInput): Plan {
  const free = input.shelters.map((s) => Math.max(0, s.capacity));
  const assignments: Assignment[] = [];
  const unplaced: Plan['unplaced'] = [];
  input.villages.forEach((village, v) => {
    let left = village.people;
    const order = input.shelters
      .map((_, s) => s)
      .filter((s) => Number.isFinite(input.seconds(v, s)))
      .sort((a, b) => input.seconds(v, a) - input.seconds(v, b));
    for (const s of order) {
      if (left === 0) break;
      const take = Math.min(left, free[s] ?? 0);
      if (take === 0) continue;
      free[s] = (free[s] ?? 0) - take;
      left -= take;
      assignments.push({
        village: village.code,
        shelter: input.shelters[s]?.id ?? '',
        people: take,
        vulnerable: 0,
        seconds: input.seconds(v, s),
        pinned: false,
      });
    }
    if (left > 0) unplaced.push({ village: village.code, people: left, vulnerable: 0 });
  });
  return summarize(input.villages, assignments, unplaced);
}

function summarize(
  villages: readonly PlanVillage[],
  assignments: Assignment[],
  unplaced: Plan['unplaced'],
): Plan {
  const perVillage = new Map<string, number>();
  for (const a of assignments) perVillage.set(a.village, (perVillage.get(a.village) ?? 0) + 1);
  const people = villages.reduce((n, v) => n + v.people, 0);
  const unplacedPeople = unplaced.reduce((n, u) => n + u.people, 0);
  return {
    assignments,
    unplaced,
    totals: {
      people,
      placed: people - unplacedPeople,
      unplaced: unplacedPeople,
      personMinutes: assignments.reduce((m, a) => m + (a.people * a.seconds) / 60, 0),
      splitVillages: [...perVillage.values()].filter((n) => n > 1).length,
    },
  };
}
