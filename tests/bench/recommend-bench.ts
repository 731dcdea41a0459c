/**
 * Top-5 team recommendation at Kaifeng scale: every team, every depot, the whole road network.
 * OneMap: the road hierarchy's sweeps (one to the scene, one per shortfall through the depots).
 * Naive baseline in the same run: a Dijkstra route from every eligible team (and via every depot
 * that could cover its shortfall), which is what a per-team routing call would cost.
 */
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { loadScenario } from '../../src/server/data/scenario-store.ts';
import { NEEDS } from '../../src/shared/dispatch/needs.ts';
import { recommend } from '../../src/shared/dispatch/recommend.ts';
import { IncidentType } from '../../src/shared/protocol/index.ts';
import { Rng } from '../../src/shared/random.ts';
import { ROOT } from '../support/gateway.ts';
import { median, percentile } from './bench-util.ts';

const data = loadScenario(`${ROOT}fixtures`, 'kaifeng');
const teams = (data.collections.get('teams') as EntityCollection<'teams'>).entities;
const depots = (data.collections.get('depots') as EntityCollection<'depots'>).entities;
const villages = (data.collections.get('villages') as EntityCollection<'villages'>).entities;
const rng = new Rng('recommend-bench');

let t: number;

const cases = Array.from({ length: 200 }, () => ({
  type: rng.pick(IncidentType.options),
  at: rng.pick(villages).seat,
}));
const ours: number[] = [];
const tops: string[][] = [];
for (const c of cases) {
  t = performance.now();
  const top = recommend({ roads: data.roads, type: c.type, at: c.at, teams, depots });
  ours.push(performance.now() - t);
  tops.push(top.map((s) => s.team.id));
}

// Routing one team to the scene (what the dispatch command does for its ETA, and the drive).
const routeMs: number[] = [];
for (const c of cases) {
  const team = rng.pick(teams);
  t = performance.now();
  data.roads.route(team.position, c.at);
  routeMs.push(performance.now() - t);
}

const naive: number[] = [];
for (const c of cases.slice(0, 4)) {
  t = performance.now();
  const need = NEEDS[c.type];
  for (const team of teams) {
    if (team.status !== 'available' || !need.skills.every((s) => team.skills.includes(s))) continue;
    data.roads.graph.route(team.position, c.at);
    for (const d of depots) {
      data.roads.graph.route(team.position, d.position);
      data.roads.graph.route(d.position, c.at);
    }
  }
  naive.push(performance.now() - t);
}
console.log(
  `recommendation at Kaifeng: ${teams.length} teams, ${depots.length} depots, ${data.roads.size.toLocaleString('en')} road nodes`,
);
console.log(
  `  top-5 for one incident: median ${median(ours).toFixed(1)} ms, p95 ${percentile(ours, 95).toFixed(1)} ms, max ${Math.max(...ours).toFixed(1)} ms over ${ours.length} incidents`,
);
console.log(
  `  routing one team to the scene: median ${median(routeMs).toFixed(2)} ms, p95 ${percentile(routeMs, 95).toFixed(2)} ms over ${routeMs.length} routes`,
);
console.log(
  `  naive (a route per team and per team × depot): median ${median(naive).toFixed(0)} ms over ${naive.length} incidents — ${(median(naive) / median(ours)).toFixed(0)}× slower`,
);
