import type { AdminArea, RoadSegment, Shelter, Team } from '../protocol/index.ts';
import { OFF_ROAD_KMH } from '../routing/road-graph.ts';
import { RoadRouter } from '../routing/road-router.ts';
import { affectedBy, HazardIndex, type AffectedVillage, type Hazard } from './hazard-area.ts';
import { greedyPlan, solvePlan, type Plan, type PlanInput } from './plan.ts';
import { assignTeams } from './team-assignment.ts';
import { consolidateSplits } from './consolidate.ts';

export interface TransportOptions {
  busSeats: number;
  boatSeats: number;
  /** Vehicles a township can put on the road at once. */
  busesPerTownship: number;
  boatsPerTownship: number;
  /** Minutes to load and unload a vehicle. */
  loadMin: number;
}

export const DEFAULT_TRANSPORT: TransportOptions = {
  busSeats: 45,
  boatSeats: 12,
  busesPerTownship: 10,
  boatsPerTownship: 4,
  loadMin: 15,
};

export interface PlanJobInput {
  hazard: Hazard;
  villages: readonly AdminArea[];
  shelters: readonly Shelter[];
  roads: readonly RoadSegment[];
  teams: readonly Team[];
  pins?: PlanInput['pins'];
  forbidden?: PlanInput['forbidden'];
  vulnerablePenaltyS?: number;
  /** Nearest shelters per village in the solver's first round (exact whatever it is). */
  candidates?: number;
  transport?: Partial<TransportOptions>;
  /** Keep villages together where it costs little (see `consolidateSplits`). @default true */
  consolidate?: boolean;
}

export interface TownshipTransfer {
  townshipCode: string;
  villages: number;
  people: number;
  vulnerable: number;
  unplaced: number;
  busTrips: number;
  boatTrips: number;
  /** Rescue teams assigned to go with the vehicles (see `assignTeams`). */
  teamIds: string[];
  /** Teams the township's people call for; more than `teamIds` when teams run short. */
  teamsNeeded: number;
  /** Of `teamIds`, teams sent in from other townships. */
  teamsFromElsewhere: number;
  /** Hours until the last trip arrives, with the vehicles the township has. */
  hours: number;
}

export interface PlanJobResult {
  hazardId: string;
  villages: AffectedVillage[];
  /** Villages no usable shelter can be reached from (the water cuts their roads off). */
  cutOff: string[];
  /** Villages whose seat is under deep water: they leave by boat to the water's edge. */
  byBoat: string[];
  sheltersUsable: number;
  sheltersInside: string[];
  closedRoads: string[];
  plan: Plan;
  /** The optimum before small fragments were folded into their villages' other shelters. */
  optimum: Plan['totals'];
  /** The nearest-shelter-with-room baseline on the same problem. */
  greedy: Plan['totals'];
  townships: TownshipTransfer[];
  ms: { area: number; travel: number; solve: number };
}

/**
 * From a hazard to a transfer plan: the villages and people under it, shelters outside it with
 * free night places, travel times over the roads it leaves open (people inside first reach the
 * nearest dry road node, on foot or by boat at off-road speed), the optimal assignment, and the
 * vehicles and time it takes per township.
 */
export function runPlanJob(
  input: PlanJobInput,
  onProgress: (stage: 'area' | 'travel' | 'solve', done: number, total: number) => void = () =>
    undefined,
  /** Hears the transportation problem itself (benchmarks check it with an LP solver). */
  onProblem?: (problem: PlanInput) => void,
): PlanJobResult {
  const transport = { ...DEFAULT_TRANSPORT, ...input.transport };
  let t = performance.now();
  onProgress('area', 0, 1);
  const water = new HazardIndex(input.hazard);
  const affected = affectedBy(input.hazard, input.villages, input.shelters, input.roads, water);
  onProgress('area', 1, 1);
  const areaMs = performance.now() - t;

  t = performance.now();
  const router = RoadRouter.fromSegments(input.roads);
  const graph = router.graph;
  // Junctions under deep water: people leave them on foot or by boat first.
  const wet = new Uint8Array(graph.size);
  graph.nodes.forEach((p, i) => {
    wet[i] = water.at(p) === 'deep' ? 1 : 0;
  });
  const shelters = input.shelters.filter(
    (s) =>
      !affected.sheltersInside.has(s.id) &&
      s.status !== 'closed' &&
      s.capacityNight - s.occupancy > 0,
  );
  const snapped = shelters.map((s) => graph.snap(s.position));
  const speed = (OFF_ROAD_KMH * 1000) / 3600;
  // Out of the water on foot or by boat to whichever of the nearest dry junctions with an open
  // road serves best (the nearest alone may be a dead end the water cuts off).
  const starts = affected.villages.map((v) =>
    graph
      .nearestNodesWhere(
        v.seat,
        12,
        (n) => wet[n] === 0 && graph.hasOpenRoad(n, affected.closedRoads),
      )
      .map((node) => ({ node, seconds: distanceM(v.seat, graph.nodes[node] ?? v.seat) / speed })),
  );
  const matrix = router.matrix(starts, snapped, affected.closedRoads);
  onProgress('travel', affected.villages.length, affected.villages.length);
  const travelMs = performance.now() - t;

  t = performance.now();
  const planInput: PlanInput = {
    villages: affected.villages.map((v) => ({
      code: v.code,
      people: v.people,
      vulnerable: v.vulnerable,
      position: v.seat,
    })),
    shelters: shelters.map((s) => ({
      id: s.id,
      capacity: s.capacityNight - s.occupancy,
      medical: s.facilities.medical,
      position: s.position,
    })),
    seconds: (v, s) => matrix[v]?.[s] ?? Infinity,
    ...(input.pins ? { pins: input.pins } : {}),
    ...(input.forbidden ? { forbidden: input.forbidden } : {}),
    ...(input.vulnerablePenaltyS !== undefined
      ? { vulnerablePenaltyS: input.vulnerablePenaltyS }
      : {}),
    ...(input.candidates !== undefined ? { candidates: input.candidates } : {}),
    onProgress: (placed, total) => onProgress('solve', placed, total),
  };
  onProblem?.(planInput);
  const optimal = solvePlan(planInput);
  const plan = input.consolidate === false ? optimal : consolidateSplits(optimal, planInput);
  const solveMs = performance.now() - t;
  const greedy = greedyPlan(planInput).totals;

  const byBoat = affected.villages.filter((v) => water.at(v.seat) === 'deep').map((v) => v.code);
  return {
    hazardId: input.hazard.id,
    villages: affected.villages,
    cutOff: affected.villages
      .filter((_, i) => !(matrix[i] ?? []).some(Number.isFinite))
      .map((v) => v.code),
    byBoat,
    sheltersUsable: shelters.length,
    sheltersInside: [...affected.sheltersInside],
    closedRoads: [...affected.closedRoads],
    plan,
    optimum: optimal.totals,
    greedy,
    townships: townshipTransfers(affected.villages, plan, new Set(byBoat), input.teams, transport),
    ms: { area: areaMs, travel: travelMs, solve: solveMs },
  };
}

function distanceM(a: [number, number], b: [number, number]): number {
  const kx = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110_574);
}

/**
 * Vehicles and time per township: each village's people in buses (boats where its seat is under
 * deep water), trips shared over the township's vehicles, each trip out and back at the
 * village's longest drive plus loading.
 */
function townshipTransfers(
  villages: readonly AffectedVillage[],
  plan: Plan,
  byBoat: ReadonlySet<string>,
  teams: readonly Team[],
  o: TransportOptions,
): TownshipTransfer[] {
  const longest = new Map<string, number>();
  for (const a of plan.assignments)
    longest.set(a.village, Math.max(longest.get(a.village) ?? 0, a.seconds));
  const unplaced = new Map(plan.unplaced.map((u) => [u.village, u.people]));
  type Row = Omit<TownshipTransfer, 'teamIds' | 'teamsNeeded' | 'teamsFromElsewhere'> & {
    busMin: number;
    boatMin: number;
    boatPeople: number;
    x: number;
    y: number;
  };
  const out = new Map<string, Row>();
  for (const v of villages) {
    const t = out.get(v.townshipCode) ?? {
      townshipCode: v.townshipCode,
      villages: 0,
      people: 0,
      vulnerable: 0,
      unplaced: 0,
      busTrips: 0,
      boatTrips: 0,
      hours: 0,
      busMin: 0,
      boatMin: 0,
      boatPeople: 0,
      x: 0,
      y: 0,
    };
    const moving = v.people - (unplaced.get(v.code) ?? 0);
    const tripMin = (2 * (longest.get(v.code) ?? 0)) / 60 + o.loadMin;
    t.villages += 1;
    t.people += v.people;
    t.vulnerable += v.vulnerable;
    t.unplaced += unplaced.get(v.code) ?? 0;
    t.x += v.seat[0] * v.people;
    t.y += v.seat[1] * v.people;
    if (byBoat.has(v.code)) {
      const trips = Math.ceil(moving / o.boatSeats);
      t.boatTrips += trips;
      t.boatMin += trips * tripMin;
      t.boatPeople += moving;
    } else {
      const trips = Math.ceil(moving / o.busSeats);
      t.busTrips += trips;
      t.busMin += trips * tripMin;
    }
    out.set(v.townshipCode, t);
  }
  const rows = [...out.values()];
  const assigned = assignTeams(
    rows.map((t) => ({
      townshipCode: t.townshipCode,
      moving: t.people - t.unplaced,
      byBoat: t.boatPeople,
      centre: [t.x / Math.max(1, t.people), t.y / Math.max(1, t.people)],
    })),
    teams,
  );
  return rows.map(({ busMin, boatMin, boatPeople: _b, x: _x, y: _y, ...t }, i) => ({
    ...t,
    teamIds: assigned[i]?.teamIds ?? [],
    teamsNeeded: assigned[i]?.needed ?? 0,
    teamsFromElsewhere: assigned[i]?.fromElsewhere ?? 0,
    // Vehicle-trips shared over the township's fleet, buses and boats working at once.
    hours:
      Math.max(
        busMin / Math.max(1, o.busesPerTownship),
        boatMin / Math.max(1, o.boatsPerTownship),
      ) / 60,
  }));
}
