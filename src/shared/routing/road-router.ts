import type { LonLat, RoadNode, RoadSegment } from '../protocol/index.ts';
import { manyToMany } from './cch/matrix.ts';
import { CchMetric } from './cch/metric.ts';
import { CchSearch, type Start } from './cch/search.ts';
import type { LazySweep, Swept } from './cch/sweep.ts';
import { CchTopology } from './cch/topology.ts';
import { RoadGraph, type Route } from './road-graph.ts';

export type { Start } from './cch/search.ts';
export type { Swept } from './cch/sweep.ts';

/** A point on the network: its nearest node and the seconds of the off-road leg to it. */
export interface Snapped {
  node: number;
  offRoadS: number;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Routing over a road network at a real network's size: a customizable contraction hierarchy
 * over `RoadGraph`'s arcs. The hierarchy's shape is built once (seconds for 10^5 nodes); each
 * set of closed roads re-weights only the part of it those roads touch (a partial customization
 * from the free-flow weights), kept for the free-flow network and the last closure set asked
 * for, so a flood plan and the dispatch desk do not undo each other's work at every call.
 */
export class RoadRouter {
  readonly graph: RoadGraph;
  private readonly topology: CchTopology;
  private readonly open: CchSearch;
  private closedCache: { key: string; search: CchSearch } | null = null;
  private readonly snapped = new WeakMap<LonLat, Snapped>();

  constructor(graph: RoadGraph) {
    this.graph = graph;
    const arcs = graph.arcs();
    this.topology = new CchTopology(arcs);
    this.open = new CchSearch(new CchMetric(this.topology, arcs.seconds));
  }

  static of(nodes: readonly RoadNode[], segments: readonly RoadSegment[]): RoadRouter {
    return new RoadRouter(new RoadGraph(nodes, segments));
  }

  static fromSegments(segments: readonly RoadSegment[]): RoadRouter {
    return new RoadRouter(RoadGraph.fromSegments(segments));
  }

  get size(): number {
    return this.graph.size;
  }

  /** Arcs the hierarchy holds (input arcs plus the shortcuts contraction adds). */
  get hierarchyArcs(): number {
    return this.topology.arcCount;
  }

  /**
   * The nearest node of a point. Kept per position array: a team at base is snapped once, not at
   * every recommendation (a moved team has a new position, and its old one is let go).
   */
  snap(p: LonLat): Snapped {
    let snapped = this.snapped.get(p);
    if (!snapped) this.snapped.set(p, (snapped = this.graph.snap(p)));
    return snapped;
  }

  /** Seconds no way from `a` to `b` can beat (off-road legs included), closures or not. */
  lowerBoundS(a: Snapped, b: Snapped): number {
    return this.graph.lowerBoundSeconds(a.node, b.node) + a.offRoadS + b.offRoadS;
  }

  /**
   * The search for a set of closed roads: customized on first use, then kept. One closure set is
   * kept at a time, in the same arrays from one set to the next; a search (and a `TowardEnds`)
   * for other closures is stale once this is asked for a new set.
   */
  searchWith(closed: ReadonlySet<string> = NONE): CchSearch {
    if (closed.size === 0) return this.open;
    const key = [...closed].sort().join('\n');
    if (this.closedCache?.key !== key) {
      // Closing only slows arcs down: start from the free-flow weights and compute again only
      // what the closed arcs touch.
      const seconds = this.graph.arcSecondsWith(closed);
      const raised = this.graph.arcsOf(closed);
      const base = this.open.metric;
      if (this.closedCache) {
        this.closedCache.search.refit(base, seconds, raised);
        this.closedCache.key = key;
      } else {
        const metric = new CchMetric(this.topology, seconds, { base, raised });
        this.closedCache = { key, search: new CchSearch(metric) };
      }
    }
    return this.closedCache.search;
  }

  /** The fastest way between two points, or null if the roads do not connect them. */
  route(from: LonLat, to: LonLat, closed: ReadonlySet<string> = NONE): Route | null {
    const a = this.snap(from);
    const b = this.snap(to);
    const found = this.searchWith(closed).between(a.node, b.node);
    if (found.seconds === Infinity) return null;
    return this.graph.routeAlong(
      from,
      to,
      a.node,
      b.node,
      found.arcs,
      found.seconds + a.offRoadS + b.offRoadS,
    );
  }

  /**
   * For each set of ends: seconds from points to whichever end is best counting each end's head
   * start (a depot plus the drive from it to the scene), and which end that is. The answer is
   * swept lazily: ask for the nearest points first and for more only if they are needed, and the
   * hierarchy above them is swept once. Off-road legs of the points are included; those of the
   * ends belong in their seconds.
   */
  towardEach(ends: readonly (readonly Start[])[], closed: ReadonlySet<string> = NONE): TowardEnds {
    return new TowardEnds(this.searchWith(closed).sweep(ends));
  }

  /**
   * Travel seconds from each row's starts (the best of them, each with its head start) to each
   * column, off-road legs of the columns included.
   */
  matrix(
    rows: readonly (readonly Start[])[],
    columns: readonly Snapped[],
    closed: ReadonlySet<string> = NONE,
  ): Float64Array[] {
    return manyToMany(
      this.searchWith(closed).metric,
      rows,
      columns.map((c) => ({ node: c.node, seconds: c.offRoadS })),
    );
  }
}

/** A lazy sweep toward sets of ends, asked point by point (see `RoadRouter.towardEach`). */
export class TowardEnds {
  constructor(private readonly sweep: LazySweep) {}

  /** Per set of ends, seconds from each point (its off-road leg included) and the best end. */
  from(points: readonly Snapped[]): Swept[] {
    return withOffRoad(this.sweep.of(points.map((p) => p.node)), points);
  }

  /**
   * `from` for a few points asked again and again (depots): each point's own upward search is
   * kept and met with the ends' labels, no sweep.
   */
  fromFew(points: readonly Snapped[]): Swept[] {
    return withOffRoad(this.sweep.meet(points.map((p) => p.node)), points);
  }
}

function withOffRoad(lanes: Swept[], points: readonly Snapped[]): Swept[] {
  for (const lane of lanes)
    points.forEach((p, i) => (lane.seconds[i] = (lane.seconds[i] ?? Infinity) + p.offRoadS));
  return lanes;
}
