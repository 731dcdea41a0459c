import FlatQueue from 'flatqueue';

/**
 * Minimum-cost flow by successive shortest paths with Johnson potentials (Dijkstra on reduced
 * costs, which stay non-negative). Integral capacities give integral flows. Arc costs must be
 * non-negative when added (travel times are). Suited to transportation problems: each
 * augmentation saturates a supply, a capacity or cancels a flow, so the number of rounds stays
 * near the number of sources and sinks. Costs must be whole numbers: potentials are then exact,
 * and zero-cost cycles of the residual graph cannot drift below zero by rounding (which sends
 * Dijkstra round them forever).
 */
export class MinCostFlow {
  private readonly head: number[];
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];
  private next: number[] = [];
  private potential = new Float64Array(0);

  constructor(readonly nodes: number) {
    this.head = new Array<number>(nodes).fill(-1);
  }

  /** Adds an arc and its residual twin; returns the arc's index (read its flow with `flowOf`). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (cost < 0 || !Number.isInteger(cost))
      throw new Error(`arc costs must be whole non-negative numbers, not ${cost}`);
    const e = this.to.length;
    this.push(from, to, capacity, cost);
    this.push(to, from, 0, -cost);
    return e;
  }

  private push(from: number, to: number, capacity: number, cost: number): void {
    this.to.push(to);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from] ?? -1);
    this.head[from] = this.to.length - 1;
  }

  /**
   * A node's potential after `solve`: every residual arc's reduced cost (cost + π(from) − π(to))
   * is non-negative with them, which is the certificate that the flow is optimal. An arc left
   * out of the graph could only have improved the flow if its reduced cost were negative.
   */
  potentialOf(node: number): number {
    return this.potential[node] ?? 0;
  }

  /** Flow on an arc added with `addArc`. */
  flowOf(arc: number): number {
    return this.cap[arc ^ 1] ?? 0;
  }

  /**
   * Sends up to `limit` units from `source` to `sink` at least cost; `onRound` hears the flow so
   * far after each augmentation (for progress). Returns the flow sent and its cost.
   */
  solve(
    source: number,
    sink: number,
    limit = Infinity,
    onRound?: (flow: number) => void,
  ): { flow: number; cost: number } {
    const n = this.nodes;
    // Typed copies for the hot loop (the arrays grew while arcs were added); capacities are
    // written back at the end so `flowOf` reads the result.
    const head = Int32Array.from(this.head);
    const to = Int32Array.from(this.to);
    const next = Int32Array.from(this.next);
    const arcCost = Float64Array.from(this.cost);
    const cap = Float64Array.from(this.cap);
    const potential = new Float64Array(n);
    this.potential = potential;
    const dist = new Float64Array(n);
    const prevArc = new Int32Array(n);
    const queue = new FlatQueue<number>();
    let flow = 0;
    let cost = 0;
    while (flow < limit) {
      dist.fill(Infinity);
      prevArc.fill(-1);
      dist[source] = 0;
      queue.clear();
      queue.push(source, 0);
      while (queue.length > 0) {
        const d = queue.peekValue() ?? 0;
        const u = queue.pop() ?? 0;
        if (d > (dist[u] ?? Infinity)) continue;
        // Nothing beyond the sink's distance matters this round (see the potentials below).
        if (u === sink) break;
        for (let e = head[u] ?? -1; e !== -1; e = next[e] ?? -1) {
          if ((cap[e] ?? 0) <= 0) continue;
          const v = to[e] ?? 0;
          const nd = d + (arcCost[e] ?? 0) + (potential[u] ?? 0) - (potential[v] ?? 0);
          if (nd < (dist[v] ?? Infinity)) {
            dist[v] = nd;
            prevArc[v] = e;
            queue.push(v, nd);
          }
        }
      }
      if (!Number.isFinite(dist[sink] ?? Infinity)) break;
      // Capped at the sink's distance: nodes the search did not settle move as far as the sink,
      // which keeps every residual arc's reduced cost non-negative.
      const reached = dist[sink] ?? 0;
      for (let v = 0; v < n; v++)
        potential[v] = (potential[v] ?? 0) + Math.min(dist[v] ?? Infinity, reached);
      // The bottleneck along the path.
      let push = limit - flow;
      for (let v = sink; v !== source; v = to[(prevArc[v] ?? 0) ^ 1] ?? source)
        push = Math.min(push, cap[prevArc[v] ?? 0] ?? 0);
      for (let v = sink; v !== source; v = to[(prevArc[v] ?? 0) ^ 1] ?? source) {
        const e = prevArc[v] ?? 0;
        cap[e] = (cap[e] ?? 0) - push;
        cap[e ^ 1] = (cap[e ^ 1] ?? 0) + push;
        cost += push * (arcCost[e] ?? 0);
      }
      flow += push;
      onRound?.(flow);
    }
    this.cap = Array.from(cap);
    return { flow, cost };
  }
}
