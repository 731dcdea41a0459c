import FlatQueue from 'flatqueue';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../random.ts';
import { manyToMany } from './matrix.ts';
import { CchMetric } from './metric.ts';
import { CchSearch } from './search.ts';
import { CchTopology, type ArcGraph } from './topology.ts';

/** Plain Dijkstra over the input arcs: the reference every answer is checked against. */
function dijkstra(g: ArcGraph, seconds: Float64Array, from: number): Float64Array {
  const n = g.x.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  g.tails.forEach((t, i) => out[t]?.push(i));
  const dist = new Float64Array(n).fill(Infinity);
  const q = new FlatQueue<number>();
  dist[from] = 0;
  q.push(from, 0);
  while (q.length > 0) {
    const d = q.peekValue() ?? 0;
    const u = q.pop() ?? 0;
    if (d > (dist[u] ?? 0)) continue;
    for (const i of out[u] ?? []) {
      const v = g.heads[i] ?? 0;
      const t = d + (seconds[i] ?? Infinity);
      if (t < (dist[v] ?? Infinity)) {
        dist[v] = t;
        q.push(v, t);
      }
    }
  }
  return dist;
}

/**
 * A jittered grid with gaps (so some parts hang by one road or are cut off), a third of the
 * streets one-way, parallel arcs and loops.
 */
function randomNetwork(seed: string, side: number): { graph: ArcGraph; seconds: Float64Array } {
  const rng = new Rng(seed);
  const n = side * side;
  const x = Float64Array.from({ length: n }, (_, i) => (i % side) + rng.next() * 0.6);
  const y = Float64Array.from({ length: n }, (_, i) => Math.floor(i / side) + rng.next() * 0.6);
  const tails: number[] = [];
  const heads: number[] = [];
  const seconds: number[] = [];
  const add = (a: number, b: number) => {
    const t = 1 + Math.floor(rng.next() * 100);
    const oneway = rng.next() < 0.3;
    tails.push(a);
    heads.push(b);
    seconds.push(t);
    if (!oneway) {
      tails.push(b);
      heads.push(a);
      seconds.push(t + (rng.next() < 0.2 ? 7 : 0));
    }
  };
  for (let i = 0; i < n; i++) {
    const c = i % side;
    if (c + 1 < side && rng.next() < 0.85) add(i, i + 1);
    if (i + side < n && rng.next() < 0.85) add(i, i + side);
    if (rng.next() < 0.05 && c + 1 < side && i + side < n) add(i, i + side + 1);
  }
  tails.push(0, 5);
  heads.push(0, 6);
  seconds.push(1, 500); // a loop, and a slow duplicate of a road 5 → 6 may already have
  return {
    graph: { x, y, tails: Uint32Array.from(tails), heads: Uint32Array.from(heads) },
    seconds: Float64Array.from(seconds),
  };
}

function pathSeconds(g: ArcGraph, seconds: Float64Array, arcs: number[], s: number, t: number) {
  let at = s;
  let total = 0;
  for (const i of arcs) {
    expect(g.tails[i]).toBe(at);
    at = g.heads[i] ?? -1;
    total += seconds[i] ?? Infinity;
  }
  expect(at).toBe(t);
  return total;
}

describe('customizable contraction hierarchy', () => {
  const { graph, seconds } = randomNetwork('cch', 30);
  const topology = new CchTopology(graph);
  const n = graph.x.length;

  it('ranks every node once and keeps the upper neighbours of each node among its ancestors', () => {
    expect([...topology.rank].sort((p, q) => p - q)).toEqual(
      Array.from({ length: n }, (_, i) => i),
    );
    for (let r = 0; r < n; r++) {
      const ancestors = new Set(topology.ancestors(r));
      for (let e = topology.first[r] ?? 0; e < (topology.first[r + 1] ?? 0); e++)
        expect(ancestors.has(topology.head[e] ?? -1)).toBe(true);
    }
  });

  it('finds the same travel times as Dijkstra, one-ways and gaps included, and a path that adds up', () => {
    const search = new CchSearch(new CchMetric(topology, seconds));
    const rng = new Rng('pairs');
    let unreachable = 0;
    for (let k = 0; k < 300; k++) {
      const s = rng.int(0, n - 1);
      const t = rng.int(0, n - 1);
      const expected = dijkstra(graph, seconds, s)[t] ?? Infinity;
      const got = search.between(s, t);
      expect(got.seconds).toBe(expected);
      if (expected === Infinity) {
        unreachable++;
        expect(got.arcs).toEqual([]);
      } else expect(pathSeconds(graph, seconds, got.arcs, s, t)).toBe(expected);
    }
    // The test means something only if both kinds of pair occur.
    expect(unreachable).toBeGreaterThan(0);
    expect(unreachable).toBeLessThan(150);
  });

  it('re-weights for closed roads without a new topology, exactly', () => {
    const rng = new Rng('closures');
    const closed = seconds.slice();
    for (let k = 0; k < 200; k++) closed[rng.int(0, closed.length - 1)] = Infinity;
    const search = new CchSearch(new CchMetric(topology, closed));
    for (let k = 0; k < 200; k++) {
      const s = rng.int(0, n - 1);
      const t = rng.int(0, n - 1);
      const got = search.between(s, t);
      expect(got.seconds).toBe(dijkstra(graph, closed, s)[t]);
      for (const i of got.arcs) expect(closed[i]).not.toBe(Infinity);
    }
  });

  it('re-customizes only what slower or closed roads touch, to exactly the weights a full pass gives', () => {
    const base = new CchMetric(topology, seconds);
    const rng = new Rng('partial');
    for (let round = 0; round < 5; round++) {
      const slower = seconds.slice();
      const raised = Array.from({ length: 5 + round * 40 }, () => rng.int(0, slower.length - 1));
      for (const i of raised) slower[i] = rng.next() < 0.5 ? Infinity : (slower[i] ?? 0) * 3;
      const full = new CchMetric(topology, slower);
      const partial = new CchMetric(topology, slower, { base, raised });
      expect(partial.up).toEqual(full.up);
      expect(partial.down).toEqual(full.down);
      // And the paths it unpacks run only over open roads and add up.
      const search = new CchSearch(partial);
      for (let k = 0; k < 40; k++) {
        const s = rng.int(0, n - 1);
        const t = rng.int(0, n - 1);
        const got = search.between(s, t);
        expect(got.seconds).toBe(dijkstra(graph, slower, s)[t]);
        if (got.seconds < Infinity)
          expect(pathSeconds(graph, slower, got.arcs, s, t)).toBe(got.seconds);
      }
    }
  });

  it('sweeps many sources to one target and one source to many, as Dijkstra does', () => {
    const search = new CchSearch(new CchMetric(topology, seconds));
    const rng = new Rng('sweeps');
    const nodes = Array.from({ length: 60 }, () => rng.int(0, n - 1));
    for (let k = 0; k < 20; k++) {
      const target = rng.int(0, n - 1);
      const toTarget = search.sweep([[{ node: target, seconds: 0 }]]);
      // Lazily, in two asks (the second sweeps only what the first left), and by meeting.
      const [first] = toTarget.of(nodes.slice(0, 10));
      const [rest] = toTarget.of(nodes.slice(10));
      const [met] = toTarget.meet(nodes);
      nodes.forEach((v, i) => {
        const expected = dijkstra(graph, seconds, v)[target];
        expect(i < 10 ? first?.seconds[i] : rest?.seconds[i - 10]).toBe(expected);
        expect(met?.seconds[i]).toBe(expected);
      });
      const source = rng.int(0, n - 1);
      const [fromSource] = search.sweep([[{ node: source, seconds: 0 }]], true).of(nodes);
      const reference = dijkstra(graph, seconds, source);
      nodes.forEach((v, i) => expect(fromSource?.seconds[i]).toBe(reference[v]));
    }
  });

  it('starts from several nodes at once, each with its own head start, in several lanes', () => {
    const search = new CchSearch(new CchMetric(topology, seconds));
    const rng = new Rng('starts');
    const nodes = Array.from({ length: 40 }, () => rng.int(0, n - 1));
    const lanes = [3, 1, 5].map((count) =>
      Array.from({ length: count }, () => ({ node: rng.int(0, n - 1), seconds: rng.int(0, 300) })),
    );
    const sweep = search.sweep(lanes, true);
    const swept = sweep.of(nodes);
    const met = sweep.meet(nodes);
    lanes.forEach((starts, l) => {
      const references = starts.map((s) => dijkstra(graph, seconds, s.node));
      nodes.forEach((v, i) => {
        const each = starts.map((s, j) => s.seconds + (references[j]?.[v] ?? Infinity));
        const best = Math.min(...each);
        for (const got of [swept[l], met[l]]) {
          expect(got?.seconds[i]).toBe(best);
          // And says which start gave it.
          if (best < Infinity) expect(each[got?.seed[i] ?? -1]).toBe(best);
          else expect(got?.seed[i]).toBe(-1);
        }
      });
    });
  });

  it('refits a metric in place for other closures, to the weights a new one gets, and forgets its chains', () => {
    const base = new CchMetric(topology, seconds);
    const rng = new Rng('refit');
    const closedOnce = () => {
      const slower = seconds.slice();
      const raised = Array.from({ length: 60 }, () => rng.int(0, slower.length - 1));
      for (const i of raised) slower[i] = Infinity;
      return { slower, raised };
    };
    const first = closedOnce();
    const search = new CchSearch(
      new CchMetric(topology, first.slower, { base, raised: first.raised }),
    );
    const target = rng.int(0, n - 1);
    const nodes = Array.from({ length: 30 }, () => rng.int(0, n - 1));
    search.sweep([[{ node: target, seconds: 0 }]]).meet(nodes); // chains kept for the first set
    const second = closedOnce();
    search.refit(base, second.slower, second.raised);
    const fresh = new CchMetric(topology, second.slower);
    expect(search.metric.up).toEqual(fresh.up);
    expect(search.metric.down).toEqual(fresh.down);
    const [met] = search.sweep([[{ node: target, seconds: 0 }]]).meet(nodes);
    nodes.forEach((v, i) =>
      expect(met?.seconds[i]).toBe(dijkstra(graph, second.slower, v)[target]),
    );
  });

  it('fills a many-to-many matrix from buckets, rows with several starts, as Dijkstra does', () => {
    const search = new CchSearch(new CchMetric(topology, seconds));
    const rng = new Rng('matrix');
    const columns = Array.from({ length: 50 }, () => ({
      node: rng.int(0, n - 1),
      seconds: rng.int(0, 20),
    }));
    const rows = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: 1 + (i % 3) }, () => ({
        node: rng.int(0, n - 1),
        seconds: rng.int(0, 50),
      })),
    );
    const matrix = manyToMany(search.metric, rows, columns);
    rows.forEach((starts, i) => {
      const references = starts.map((s) => dijkstra(graph, seconds, s.node));
      columns.forEach((c, j) =>
        expect(matrix[i]?.[j]).toBe(
          Math.min(
            ...starts.map((s, k) => s.seconds + (references[k]?.[c.node] ?? Infinity) + c.seconds),
          ),
        ),
      );
    });
  });
});
