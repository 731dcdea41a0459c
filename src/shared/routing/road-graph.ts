import Flatbush from 'flatbush';
import FlatQueue from 'flatqueue';
import type { LonLat, RoadNode, RoadSegment } from '../protocol/index.ts';

/** Metres between two points (equirectangular: exact enough within a city). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const kx = 111_320 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * 110_574);
}

/** Off-road legs (from a point to the nearest node) are walked or driven slowly. */
export const OFF_ROAD_KMH = 10;

export interface Route {
  /** Travel time in seconds, including the off-road legs at both ends. */
  seconds: number;
  metres: number;
  /** The way, from the start point to the end point. */
  path: LonLat[];
  /** Road segment ids in order. */
  segments: string[];
}

/** Travel times from one origin to every node, and the tree of best ways back to it. */
export interface Reach {
  origin: number;
  /** Seconds to each node (Infinity: unreachable). */
  seconds: Float64Array;
  /** Edge (index into the graph's edge arrays) that reached each node; -1 at the origin. */
  via: Int32Array;
}

/**
 * The scenario's road network as a compact adjacency (CSR) graph of directed arcs (two per
 * segment, one for a one-way) with travel times by road class, a spatial index of its nodes,
 * and Dijkstra on a flat priority queue: the reference `RoadRouter`'s hierarchy is checked and
 * benchmarked against. One search from a point gives travel times to every node; closed roads
 * (flooded, blocked) are skipped by id.
 */
export class RoadGraph {
  readonly nodes: LonLat[];
  readonly nodeIds: string[];
  /** Edges out of node i are offsets[i] .. offsets[i + 1] - 1. */
  private readonly offsets: Uint32Array;
  private readonly targets: Uint32Array;
  private readonly sources: Uint32Array;
  private readonly edgeSeconds: Float64Array;
  private readonly edgeSegment: Uint32Array;
  /** Whether an edge runs along its segment's geometry backwards. */
  private readonly edgeReversed: Uint8Array;
  private readonly segments: readonly RoadSegment[];
  private readonly index: Flatbush;
  private readonly queue: FlatQueue;

  /** A graph from segments alone (the browser has no node list): nodes at segment ends. */
  static fromSegments(segments: readonly RoadSegment[]): RoadGraph {
    const nodes = new Map<string, LonLat>();
    for (const s of segments) {
      const c = s.geometry.coordinates;
      const first = c[0];
      const last = c[c.length - 1];
      if (first && !nodes.has(s.from)) nodes.set(s.from, first);
      if (last && !nodes.has(s.to)) nodes.set(s.to, last);
    }
    return new RoadGraph(
      [...nodes].map(([id, position]) => ({ id, position })),
      segments,
    );
  }

  constructor(nodes: readonly RoadNode[], segments: readonly RoadSegment[]) {
    this.nodes = nodes.map((n) => n.position);
    this.nodeIds = nodes.map((n) => n.id);
    this.segments = segments;
    const byId = new Map(nodes.map((n, i) => [n.id, i]));
    const degree = new Uint32Array(nodes.length + 1);
    const ends = segments.map((s) => {
      const a = byId.get(s.from);
      const b = byId.get(s.to);
      if (a === undefined || b === undefined)
        throw new Error(`road ${s.id} joins unknown node ${a === undefined ? s.from : s.to}`);
      degree[a + 1] = (degree[a + 1] ?? 0) + 1;
      if (!s.oneway) degree[b + 1] = (degree[b + 1] ?? 0) + 1;
      return [a, b] as const;
    });
    this.offsets = new Uint32Array(nodes.length + 1);
    for (let i = 0; i < nodes.length; i++)
      this.offsets[i + 1] = (this.offsets[i] ?? 0) + (degree[i + 1] ?? 0);
    const m = this.offsets[nodes.length] ?? 0;
    this.targets = new Uint32Array(m);
    this.sources = new Uint32Array(m);
    this.edgeSeconds = new Float64Array(m);
    this.edgeSegment = new Uint32Array(m);
    this.edgeReversed = new Uint8Array(m);
    const fill = this.offsets.slice(0, nodes.length);
    segments.forEach((s, k) => {
      const [a, b] = ends[k] ?? [0, 0];
      const seconds = s.lengthM / ((s.speedKmh * 1000) / 3600);
      for (const [from, to, reversed] of s.oneway ? ([[a, b, 0]] as const) : BOTH_WAYS(a, b)) {
        const e = fill[from] ?? 0;
        fill[from] = e + 1;
        this.targets[e] = to;
        this.sources[e] = from;
        this.edgeSeconds[e] = seconds;
        this.edgeSegment[e] = k;
        this.edgeReversed[e] = reversed;
      }
    });
    this.index = new Flatbush(Math.max(1, nodes.length));
    for (const [x, y] of this.nodes) this.index.add(x, y, x, y);
    if (nodes.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
    this.queue = new FlatQueue();
  }

  get size(): number {
    return this.nodes.length;
  }

  /**
   * The directed arcs (one per direction a segment can be driven) and planar node positions,
   * for building a hierarchy over this graph; arc i is edge i here.
   */
  arcs(): {
    x: Float64Array;
    y: Float64Array;
    tails: Uint32Array;
    heads: Uint32Array;
    seconds: Float64Array;
  } {
    const lat0 = this.nodes[0]?.[1] ?? 0;
    const kx = Math.cos((lat0 * Math.PI) / 180);
    return {
      x: Float64Array.from(this.nodes, (p) => p[0] * kx),
      y: Float64Array.from(this.nodes, (p) => p[1]),
      tails: this.sources,
      heads: this.targets,
      seconds: this.edgeSeconds,
    };
  }

  /** Travel seconds of every arc with the segments in `closed` shut (Infinity). */
  arcSecondsWith(closed: ReadonlySet<string>): Float64Array {
    const out = this.edgeSeconds.slice();
    for (const e of this.arcsOf(closed)) out[e] = Infinity;
    return out;
  }

  private fastest: { x: Float64Array; y: Float64Array; perSecond: number } | null = null;

  /**
   * Seconds no way between two nodes can beat: their straight-line distance at the fastest
   * straight-line pace of any arc. Distances are in one fixed planar projection (a true metric,
   * so the triangle inequality holds along any path), which makes the bound exact whatever the
   * projection's distortion; closing roads only slows arcs, so it holds with closures too.
   */
  lowerBoundSeconds(a: number, b: number): number {
    if (!this.fastest) {
      const { x, y } = this.arcs();
      let perSecond = 0;
      for (let e = 0; e < this.targets.length; e++) {
        const u = this.sources[e] ?? 0;
        const v = this.targets[e] ?? 0;
        const d = Math.hypot((x[v] ?? 0) - (x[u] ?? 0), (y[v] ?? 0) - (y[u] ?? 0));
        const pace = d / (this.edgeSeconds[e] ?? Infinity);
        if (pace > perSecond) perSecond = pace;
      }
      this.fastest = { x, y, perSecond };
    }
    const { x, y, perSecond } = this.fastest;
    const d = Math.hypot((x[b] ?? 0) - (x[a] ?? 0), (y[b] ?? 0) - (y[a] ?? 0));
    // A zero-second arc makes the pace infinite and the bound 0: nothing is ever pruned wrongly.
    return d === 0 ? 0 : d / perSecond;
  }

  private arcsBySegment: Map<string, number[]> | null = null;

  /** The arcs along the segments named (unknown ids have none): cost by the ids, not the graph. */
  arcsOf(ids: Iterable<string>): number[] {
    if (!this.arcsBySegment) {
      const map = new Map<string, number[]>();
      for (let e = 0; e < this.edgeSegment.length; e++) {
        const id = this.segments[this.edgeSegment[e] ?? 0]?.id ?? '';
        const list = map.get(id);
        if (list) list.push(e);
        else map.set(id, [e]);
      }
      this.arcsBySegment = map;
    }
    const out: number[] = [];
    for (const id of ids) out.push(...(this.arcsBySegment.get(id) ?? []));
    return out;
  }

  /** The node nearest to a point. */
  nearestNode(p: LonLat): number {
    return this.index.neighbors(p[0], p[1], 1)[0] ?? 0;
  }

  /** The node nearest to a point among those `ok` accepts (-1 if none does). */
  nearestNodeWhere(p: LonLat, ok: (node: number) => boolean): number {
    return this.index.neighbors(p[0], p[1], 1, Infinity, ok)[0] ?? -1;
  }

  /**
   * Dijkstra from the node nearest `from`, over roads not in `closed`, stopping early once
   * every node in `stopAt` (if given) is settled.
   */
  reach(from: LonLat, closed: ReadonlySet<string> = NONE, stopAt?: ReadonlySet<number>): Reach {
    return this.reachFromNode(this.nearestNode(from), closed, stopAt);
  }

  /** Whether any road out of a node is open. */
  hasOpenRoad(node: number, closed: ReadonlySet<string>): boolean {
    for (let e = this.offsets[node] ?? 0; e < (this.offsets[node + 1] ?? 0); e++)
      if (!closed.has(this.segments[this.edgeSegment[e] ?? 0]?.id ?? '')) return true;
    return false;
  }

  /** `reach` from a given node (e.g. the nearest one outside a flooded area). */
  reachFromNode(
    origin: number,
    closed: ReadonlySet<string> = NONE,
    stopAt?: ReadonlySet<number>,
  ): Reach {
    return this.reachFromNodes([{ node: origin, seconds: 0 }], closed, stopAt);
  }

  /** The nodes nearest a point among those `ok` accepts, nearest first. */
  nearestNodesWhere(p: LonLat, count: number, ok: (node: number) => boolean): number[] {
    return this.index.neighbors(p[0], p[1], count, Infinity, ok);
  }

  /**
   * `reach` from several starts at once, each already `seconds` away (people walking out of the
   * water to whichever open road serves them best). `origin` is the first start.
   */
  reachFromNodes(
    starts: readonly { node: number; seconds: number }[],
    closed: ReadonlySet<string> = NONE,
    stopAt?: ReadonlySet<number>,
  ): Reach {
    const n = this.nodes.length;
    const seconds = new Float64Array(n).fill(Infinity);
    const via = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    let waiting = stopAt ? stopAt.size : Infinity;
    const origin = starts[0]?.node ?? 0;
    const q = this.queue;
    q.clear();
    for (const s of starts) {
      if (s.seconds >= (seconds[s.node] ?? Infinity)) continue;
      seconds[s.node] = s.seconds;
      q.push(s.node, s.seconds);
    }
    while (q.length > 0) {
      const u = q.pop() ?? 0;
      if (done[u]) continue;
      done[u] = 1;
      if (stopAt?.has(u) && --waiting === 0) break;
      const base = seconds[u] ?? Infinity;
      for (let e = this.offsets[u] ?? 0; e < (this.offsets[u + 1] ?? 0); e++) {
        const v = this.targets[e] ?? 0;
        if (done[v]) continue;
        if (closed.size > 0 && closed.has(this.segments[this.edgeSegment[e] ?? 0]?.id ?? ''))
          continue;
        const t = base + (this.edgeSeconds[e] ?? 0);
        if (t < (seconds[v] ?? Infinity)) {
          seconds[v] = t;
          via[v] = e;
          q.push(v, t);
        }
      }
    }
    return { origin, seconds, via };
  }

  /** Seconds from the search's origin point to a point (nearest node plus the off-road leg). */
  secondsTo(r: Reach, to: LonLat, from?: LonLat): number {
    const node = this.nearestNode(to);
    const offRoad =
      metresBetween(this.nodes[node] ?? to, to) +
      (from ? metresBetween(from, this.nodes[r.origin] ?? from) : 0);
    return (r.seconds[node] ?? Infinity) + offRoad / ((OFF_ROAD_KMH * 1000) / 3600);
  }

  /**
   * A point's nearest node and the seconds of its off-road leg: snap once, then read travel
   * times from many searches without another index query.
   */
  snap(p: LonLat): { node: number; offRoadS: number } {
    const node = this.nearestNode(p);
    return {
      node,
      offRoadS: metresBetween(this.nodes[node] ?? p, p) / ((OFF_ROAD_KMH * 1000) / 3600),
    };
  }

  /** The fastest way between two points, or null if the roads do not connect them. */
  route(from: LonLat, to: LonLat, closed: ReadonlySet<string> = NONE): Route | null {
    const target = this.nearestNode(to);
    const r = this.reach(from, closed, new Set([target]));
    if (!Number.isFinite(r.seconds[target] ?? Infinity)) return null;
    return this.pathTo(r, from, to);
  }

  /** Unwinds a search's tree into the way from its origin point to `to`. */
  pathTo(r: Reach, from: LonLat, to: LonLat): Route | null {
    const target = this.nearestNode(to);
    if (!Number.isFinite(r.seconds[target] ?? Infinity)) return null;
    const edges: number[] = [];
    for (let v = target; v !== r.origin; ) {
      const e = r.via[v] ?? -1;
      if (e < 0) return null;
      edges.push(e);
      v = this.sources[e] ?? r.origin;
    }
    edges.reverse();
    return this.routeAlong(from, to, r.origin, target, edges, this.secondsTo(r, to, from));
  }

  /** The way from `from` over arcs that start at node `origin` and end at `target`. */
  routeAlong(
    from: LonLat,
    to: LonLat,
    origin: number,
    target: number,
    edges: readonly number[],
    seconds: number,
  ): Route {
    const path: LonLat[] = [from, this.nodes[origin] ?? from];
    let metres = metresBetween(from, this.nodes[origin] ?? from);
    const segments: string[] = [];
    for (const e of edges) {
      const s = this.segments[this.edgeSegment[e] ?? 0];
      if (!s) continue;
      const line = s.geometry.coordinates;
      const coords = this.edgeReversed[e] ? [...line].reverse() : line;
      path.push(...coords.slice(1));
      metres += s.lengthM;
      segments.push(s.id);
    }
    metres += metresBetween(this.nodes[target] ?? to, to);
    path.push(to);
    return { seconds, metres, path, segments };
  }
}

const NONE: ReadonlySet<string> = new Set();

const BOTH_WAYS = (a: number, b: number) =>
  [
    [a, b, 0],
    [b, a, 1],
  ] as const;

/** A route prepared for moving along it: cumulative metres at each vertex of its path. */
export interface Leg {
  path: LonLat[];
  cumulative: number[];
  /** Average speed over the route, metres per second. */
  speed: number;
  /** Metres travelled so far. */
  at: number;
}

export function legOf(route: Route): Leg {
  const cumulative = [0];
  for (let i = 1; i < route.path.length; i++) {
    const prev = route.path[i - 1] ?? [0, 0];
    const here = route.path[i] ?? prev;
    cumulative.push((cumulative[i - 1] ?? 0) + metresBetween(prev, here));
  }
  const total = cumulative.at(-1) ?? 0;
  return { path: route.path, cumulative, speed: total / Math.max(1, route.seconds), at: 0 };
}

/** Where a vehicle `metres` along a leg is, and which way it faces (degrees from north). */
export function pointAlong(leg: Leg, metres: number): { position: LonLat; bearing: number } {
  const { path, cumulative } = leg;
  let i = 1;
  while (i < path.length - 1 && (cumulative[i] ?? 0) < metres) i++;
  const a = path[i - 1] ?? [0, 0];
  const b = path[i] ?? a;
  const span = (cumulative[i] ?? 0) - (cumulative[i - 1] ?? 0);
  const f = span > 0 ? Math.min(1, Math.max(0, (metres - (cumulative[i - 1] ?? 0)) / span)) : 1;
  const kx = Math.cos((a[1] * Math.PI) / 180);
  const bearing = ((Math.atan2((b[0] - a[0]) * kx, b[1] - a[1]) * 180) / Math.PI + 360) % 360;
  return { position: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f], bearing };
}
