import type { LonLat, RoadNode, RoadSegment } from '../protocol/index.ts';
import { manyToMany } from './cch/matrix.ts';
import { CchMetric } from './cch/metric.ts';
import { CchSearch, type Selection, type Start, type Swept } from './cch/search.ts';
import { CchTopology } from './cch/topology.ts';
import { RoadGraph, type Route } from './road-graph.ts';

export type { Start } from './cch/search.ts';

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
  private readonly selections: { search: CchSearch; key: string; selection: Selection }[] = [];
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

  /** The search for a set of closed roads: customized on first use, then kept. */
  searchWith(closed: ReadonlySet<string> = NONE): CchSearch {
    if (closed.size === 0) return this.open;
    const key = [...closed].sort().join('\n');
    if (this.closedCache?.key !== key) {
      // Closing only slows arcs down: start from the free-flow weights and compute again only
      // what the closed arcs touch.
      const seconds = this.graph.arcSecondsWith(closed);
      const raised = this.graph.arcsOf(closed);
      const metric = new CchMetric(this.topology, seconds, { base: this.open.metric, raised });
      this.closedCache = { key, search: new CchSearch(metric) };
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
   * For each set of ends: seconds from each point to whichever end is best counting each end's
   * head start (a depot plus the drive from it to the scene), and which end that is. One pass
   * for all the sets. Off-road legs of `from` included; those of the ends belong in their seconds.
   */
  toBestEach(
    from: readonly Snapped[],
    ends: readonly (readonly Start[])[],
    closed: ReadonlySet<string> = NONE,
  ): Swept[] {
    const search = this.searchWith(closed);
    const out = search.toManyEach(this.selectionOf(search, from), ends);
    for (const lane of out)
      from.forEach((p, i) => (lane.seconds[i] = (lane.seconds[i] ?? Infinity) + p.offRoadS));
    return out;
  }

  /**
   * A selection per node set, the last few kept: the dispatch desk asks again and again for the
   * same available teams.
   */
  private selectionOf(search: CchSearch, points: readonly Snapped[]): Selection {
    const key = points.map((p) => p.node).join(',');
    const cached = this.selections.find((s) => s.search === search && s.key === key);
    if (cached) return cached.selection;
    const selection = search.select(points.map((p) => p.node));
    this.selections.unshift({ search, key, selection });
    this.selections.length = Math.min(this.selections.length, 6);
    return selection;
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
