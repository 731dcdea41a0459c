/**
 * Routing at a real road network's size: the customizable contraction hierarchy (RoadRouter)
 * beside plain Dijkstra (RoadGraph) in the same run, on a generated city of ≥ 300,000 nodes
 * (src/fixtures/city-roads.ts) or on the roads of an imported jurisdiction:
 *
 *   tsx tests/bench/routing-bench.ts [--scale 1] [--osm <file.osm.pbf|file.osm>]
 *                                    [--jurisdiction <data dir>/<id>]
 *
 * Prints preprocessing, one route, top-5 from 1,500 teams, a 700 × 1,000 village → shelter
 * matrix and closing 300 flooded segments then re-planning, each with its spread and Dijkstra's
 * figure, and checks the two agree on 1,000 random pairs.
 */
import { parseArgs } from 'node:util';
import { generateCityRoads } from '../../src/fixtures/city-roads.ts';
import { loadScenario } from '../../src/server/data/scenario-store.ts';
import { readOsmFile } from '../../src/server/import/read-osm.ts';
import { buildOsmRoads } from '../../src/shared/import/osm-roads.ts';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { recommend } from '../../src/shared/dispatch/recommend.ts';
import type {
  Depot,
  LonLat,
  RoadSegment,
  Team,
  TeamSkill,
} from '../../src/shared/protocol/index.ts';
import {
  EquipmentItem,
  IncidentType,
  TeamSkill as Skills,
} from '../../src/shared/protocol/index.ts';
import { Rng } from '../../src/shared/random.ts';
import { CchMetric } from '../../src/shared/routing/cch/metric.ts';
import { CchTopology } from '../../src/shared/routing/cch/topology.ts';
import { RoadGraph } from '../../src/shared/routing/road-graph.ts';
import { RoadRouter, type Snapped } from '../../src/shared/routing/road-router.ts';
import { median, percentile } from './bench-util.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    osm: { type: 'string' },
    jurisdiction: { type: 'string' },
  },
});
const rng = new Rng('routing-bench');
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const spread = (xs: readonly number[]) =>
  `median ${ms(median(xs))} ms, p99 ${ms(percentile(xs, 99))} ms, min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))} (n=${xs.length})`;
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
};

const t = performance.now();
const fromOsm = async (path: string) => {
  const read = await readOsmFile(path);
  const roads = buildOsmRoads(
    path,
    read.ways,
    (id) => read.positions.get(id),
    [-180, -90, 180, 90],
  );
  for (const p of [...read.problems, ...roads.problems])
    console.log(`  ${p.level}: ${p.reason.en}`);
  return {
    name: path,
    graph: new RoadGraph(roads.nodes, roads.segments),
    segments: roads.segments,
  };
};
const network = values.osm
  ? await fromOsm(values.osm)
  : values.jurisdiction
    ? (() => {
        const dir = values.jurisdiction;
        const at = dir.lastIndexOf('/');
        const data = loadScenario(dir.slice(0, at), dir.slice(at + 1));
        return {
          name: data.meta.name,
          graph: data.roads.graph,
          segments: (data.collections.get('roads') as EntityCollection<'roads'>).entities,
        };
      })()
    : (() => {
        const city = generateCityRoads({ scale: Number(values.scale) });
        return {
          name: 'generated city (synthetic)',
          graph: new RoadGraph(city.nodes, city.segments),
          segments: city.segments,
        };
      })();
const graphMs = performance.now() - t;
const { graph, segments } = network;
const oneways = segments.filter((s) => s.oneway).length;
console.log(
  `routing on ${network.name}: ${graph.size.toLocaleString('en')} nodes, ${segments.length.toLocaleString('en')} segments (${oneways.toLocaleString('en')} one-way), graph built in ${graphMs.toFixed(0)} ms`,
);

// Preprocessing: the hierarchy's shape, then its free-flow weights. Re-weighting: a full
// customization, and the partial one the router does for a closure (one closed segment).
const [router, buildMs] = timed(() => new RoadRouter(graph));
const topology = new CchTopology(graph.arcs());
const fullMs: number[] = [];
for (let i = 0; i < 3; i++)
  fullMs.push(timed(() => new CchMetric(topology, graph.arcSecondsWith(new Set())))[1]);
const oneClosed: number[] = [];
for (let i = 0; i < 5; i++) {
  const closed = new Set([segments[rng.int(0, segments.length - 1)]?.id ?? '']);
  oneClosed.push(timed(() => router.searchWith(closed))[1]);
}
console.log(
  `  preprocessing: ${(buildMs / 1000).toFixed(1)} s (order, contraction, first customization; target ≤ 60 s); hierarchy ${router.hierarchyArcs.toLocaleString('en')} arcs (${(router.hierarchyArcs / graph.arcs().tails.length).toFixed(1)}× the input arcs)`,
);
console.log(`  full customization: ${spread(fullMs)}`);
console.log(`  re-weighting for one closed segment (partial): ${spread(oneClosed)}`);

// Random nodes as points: routes, teams, villages, shelters.
const somewhere = (): LonLat => graph.nodes[rng.int(0, graph.size - 1)] ?? [0, 0];

// One route, and agreement with Dijkstra on 1,000 pairs.
const pairs = Array.from({ length: 1_000 }, () => [somewhere(), somewhere()] as const);
const ours = pairs.map(([a, b]) => timed(() => router.route(a, b)));
const dijkstra: number[] = [];
let disagree = 0;
let unreachable = 0;
pairs.forEach(([a, b], i) => {
  const [theirs, took] = timed(() => graph.route(a, b));
  dijkstra.push(took);
  const mine = ours[i]?.[0] ?? null;
  if (!theirs || !mine) {
    if (theirs !== mine) disagree++;
    unreachable++;
  } else if (Math.abs(theirs.seconds - mine.seconds) > 1e-9) disagree++;
});
const routeMs = ours.map(([, took]) => took);
console.log(`  one route (with its path): ${spread(routeMs)}; target ≤ 1 ms median`);
console.log(
  `    Dijkstra (stops at the target): ${spread(dijkstra)} — ${(median(dijkstra) / median(routeMs)).toFixed(0)}× slower`,
);
console.log(
  `    agreement on ${pairs.length.toLocaleString('en')} random pairs: ${disagree} differ by more than 1e-9 s (${unreachable} pairs unconnected in both)`,
);
if (disagree > 0) process.exitCode = 1;

// Top-5 from 1,500 teams with 60 depots.
const skills = Skills.options;
const teams: Team[] = Array.from({ length: 1_500 }, (_, i) => {
  const at = somewhere();
  const own: TeamSkill[] = skills.filter(() => rng.next() < 0.35);
  return {
    id: `T${i}`,
    name: `队伍${i}`,
    kind: 'professional',
    status: 'available',
    position: at,
    homeBase: at,
    members: rng.int(4, 40),
    skills: own.length > 0 ? own : [rng.pick(skills)],
    equipment: rng.next() < 0.5 ? { assault_boat: 2, portable_pump: 2, life_detector: 1 } : {},
  } as unknown as Team;
});
const depots: Depot[] = Array.from(
  { length: 60 },
  (_, i) =>
    ({
      id: `D${i}`,
      name: `仓库${i}`,
      position: somewhere(),
      inventory: Object.fromEntries(EquipmentItem.options.map((item) => [item, 20])),
    }) as unknown as Depot,
);
const types = IncidentType.options;
const top: number[] = [];
for (let i = 0; i < 200; i++) {
  const at = somewhere();
  const type = types[i % types.length] ?? 'fire';
  top.push(timed(() => recommend({ roads: router, type, at, teams, depots }))[1]);
}
// Dijkstra's way: one full search from the scene, then a read per team (no one-way direction,
// no depots: a lower bound on what the graph search costs).
const topDijkstra: number[] = [];
for (let i = 0; i < 20; i++) {
  const at = somewhere();
  topDijkstra.push(
    timed(() => {
      const reach = graph.reach(at);
      return teams.map((team) => graph.secondsTo(reach, team.position)).sort((p, q) => p - q);
    })[1],
  );
}
console.log(
  `  top-5 from ${teams.length.toLocaleString('en')} teams (${depots.length} depots, detours priced): ${spread(top)}; target ≤ 10 ms`,
);
console.log(
  `    Dijkstra (one full search from the scene, no detours): ${spread(topDijkstra)} — ${(median(topDijkstra) / median(top)).toFixed(1)}× slower`,
);

// A 700 × 1,000 village → shelter matrix, then 300 flooded segments closed and re-planned.
const villages = Array.from({ length: 700 }, () => [
  { node: rng.int(0, graph.size - 1), seconds: 0 },
]);
const shelters: Snapped[] = Array.from({ length: 1_000 }, () => ({
  node: rng.int(0, graph.size - 1),
  offRoadS: 0,
}));
const shelterNodes = new Set(shelters.map((s) => s.node));
const matrixMs: number[] = [];
let matrix: Float64Array[] = [];
for (let i = 0; i < 3; i++) [matrix, matrixMs[i]] = timed(() => router.matrix(villages, shelters));
const dijkstraRow = (node: number, closed?: ReadonlySet<string>) => {
  const reach = graph.reachFromNode(node, closed, shelterNodes);
  return shelters.map((s) => reach.seconds[s.node] ?? Infinity);
};
const [, dijkstraMatrixMs] = timed(() => villages.map((v) => dijkstraRow(v[0]?.node ?? 0)));
let matrixDiffer = 0;
for (let i = 0; i < 20; i++) {
  const row = dijkstraRow(villages[i]?.[0]?.node ?? 0);
  row.forEach((s, j) => {
    const mine = matrix[i]?.[j] ?? Infinity;
    if (s === Infinity ? mine !== Infinity : Math.abs(s - mine) > 1e-9) matrixDiffer++;
  });
}
console.log(
  `  ${villages.length} × ${shelters.length.toLocaleString('en')} travel matrix: ${spread(matrixMs)}; target ≤ 1 s`,
);
console.log(
  `    Dijkstra (one search per village, stopping once every shelter is reached): ${ms(dijkstraMatrixMs)} ms — ${(dijkstraMatrixMs / median(matrixMs)).toFixed(0)}× slower; ${matrixDiffer} of ${20 * shelters.length} cells differ (first 20 rows checked)`,
);
if (matrixDiffer > 0) process.exitCode = 1;

// The 300 segments nearest a flooded point (a river bend), closed: re-weighting + matrix, the
// closure rows checked against Dijkstra's.
const replanMs: number[] = [];
const reweightMs: number[] = [];
for (let i = 0; i < 3; i++) {
  const centre = somewhere();
  const near = (s: RoadSegment) => {
    const p = s.geometry.coordinates[0] ?? centre;
    return Math.hypot(p[0] - centre[0], p[1] - centre[1]);
  };
  const closed = new Set(
    [...segments]
      .sort((a, b) => near(a) - near(b))
      .slice(0, 300)
      .map((s) => s.id),
  );
  const [replanned, took] = timed(() => {
    reweightMs.push(timed(() => router.searchWith(closed))[1]);
    return router.matrix(villages, shelters, closed);
  });
  replanMs.push(took);
  if (i === 0) {
    const [rows, dijkstraMs] = timed(() =>
      villages.slice(0, 70).map((v) => dijkstraRow(v[0]?.node ?? 0, closed)),
    );
    let differ = 0;
    rows.forEach((row, r) =>
      row.forEach((s, j) => {
        const mine = replanned[r]?.[j] ?? Infinity;
        if (s === Infinity ? mine !== Infinity : Math.abs(s - mine) > 1e-9) differ++;
      }),
    );
    if (differ > 0) process.exitCode = 1;
    console.log(
      `  closing ${closed.size} flooded segments and re-planning the matrix: ${ms(took)} ms (re-weighting ${ms(reweightMs[0] ?? 0)} ms)`,
    );
    console.log(
      `    Dijkstra with the closures, 70 of the 700 rows: ${ms(dijkstraMs)} ms (×10 for the matrix: ${ms(dijkstraMs * 10)} ms); ${differ} of ${70 * shelters.length} cells differ`,
    );
  }
}
console.log(
  `    re-planning over 3 flood sites: ${spread(replanMs)}, of which re-weighting ${spread(reweightMs)}; target ≤ 1 s`,
);
