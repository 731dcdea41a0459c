import type { CchMetric } from './metric.ts';
import { NO_WAY } from './metric.ts';
import { Chains } from './chains.ts';
import { LazySweep } from './sweep.ts';
import { relax } from './upward.ts';

/** A start (or end) of a search: a node and the seconds already spent getting to it. */
export interface Start {
  node: number;
  seconds: number;
}

/**
 * Queries on one customized hierarchy. Point to point walks both ends' elimination-tree ancestors
 * (no priority queue) and meets at a common one; many to one and one to many sweep down the
 * hierarchy (PHAST) over the ancestors of the nodes asked for. Scratch arrays are kept between queries and reset by walking only what a
 * query touched, so a query costs the size of its search space, not of the network.
 */
export class CchSearch {
  private readonly forward: Float64Array;
  private readonly backward: Float64Array;
  private readonly forwardArc: Int32Array;
  private readonly backwardArc: Int32Array;
  private readonly chains: Chains;

  constructor(readonly metric: CchMetric) {
    const n = metric.topology.nodeCount;
    this.forward = new Float64Array(n).fill(Infinity);
    this.backward = new Float64Array(n).fill(Infinity);
    this.forwardArc = new Int32Array(n).fill(-1);
    this.backwardArc = new Int32Array(n).fill(-1);
    this.chains = new Chains(metric);
  }

  /**
   * This search's metric refitted to `base` with other input arcs raised (see
   * `CchMetric.refit`), its kept chains forgotten: lazy sweeps taken before are stale.
   */
  refit(base: CchMetric, inputSeconds: Float64Array, raised: readonly number[]): void {
    this.metric.refit(base, inputSeconds, raised);
    this.chains.clear();
  }

  /** Seconds of the fastest way from node `s` to node `t` (Infinity: none), and its input arcs. */
  between(s: number, t: number): { seconds: number; arcs: number[] } {
    const { topology, up, down } = this.metric;
    const { parent, first, head } = topology;
    const { forward, backward, forwardArc, backwardArc } = this;
    let a = topology.rank[s] ?? 0;
    let b = topology.rank[t] ?? 0;
    const sRank = a;
    const tRank = b;
    forward[a] = 0;
    backward[b] = 0;
    let best = Infinity;
    let meet = -1;
    // Walk both chains in rank order; once they join, every node is on both.
    while (a >= 0 || b >= 0) {
      const onForward = a >= 0 && (b < 0 || a <= b);
      const onBackward = b >= 0 && (a < 0 || b <= a);
      const v = onForward ? a : b;
      if (onForward && onBackward) {
        const total = (forward[v] ?? Infinity) + (backward[v] ?? Infinity);
        if (total < best) {
          best = total;
          meet = v;
        }
      }
      // A label no better than the best meeting so far cannot lead to a better one.
      if (onForward) {
        if ((forward[v] ?? Infinity) < best) relax(v, first, head, up, forward, forwardArc);
        a = parent[v] ?? -1;
      }
      if (onBackward) {
        if ((backward[v] ?? Infinity) < best) relax(v, first, head, down, backward, backwardArc);
        b = parent[v] ?? -1;
      }
    }
    const arcs: number[] = [];
    if (meet >= 0) {
      const ups: number[] = [];
      for (let v = meet; v !== sRank; ) {
        const e = forwardArc[v] ?? -1;
        ups.push(e);
        v = topology.tail[e] ?? sRank;
      }
      for (let i = ups.length - 1; i >= 0; i--) this.unpack(ups[i] ?? 0, true, arcs);
      for (let v = meet; v !== tRank; ) {
        const e = backwardArc[v] ?? -1;
        this.unpack(e, false, arcs);
        v = topology.tail[e] ?? tRank;
      }
    }
    this.clearChain(sRank, forward, forwardArc);
    this.clearChain(tRank, backward, backwardArc);
    return { seconds: best, arcs };
  }

  /** The input arcs under a hierarchy arc, in travel order, onto `out`. */
  private unpack(arc: number, upward: boolean, out: number[]): void {
    const { topology, upVia, downVia } = this.metric;
    const stack: number[] = [arc, upward ? 1 : 0];
    while (stack.length > 0) {
      const dir = stack.pop() ?? 0;
      const e = stack.pop() ?? 0;
      const via = (dir ? upVia[e] : downVia[e]) ?? NO_WAY;
      if (via <= -2) {
        out.push(-via - 2);
        continue;
      }
      if (via === NO_WAY) throw new Error(`hierarchy arc ${e} has no way to unpack`);
      const lo = topology.tail[e] ?? 0;
      const hi = topology.head[e] ?? 0;
      const xLo = topology.arc(via, lo);
      const xHi = topology.arc(via, hi);
      // Up (lo → hi): lo → x runs down x–lo, x → hi up x–hi; down is the mirror. Pushed last
      // pops first.
      if (dir) stack.push(xHi, 1, xLo, 0);
      else stack.push(xLo, 1, xHi, 0);
    }
  }

  private clearChain(r: number, dist: Float64Array, arcOf: Int32Array): void {
    for (let v = r; v >= 0; v = this.metric.topology.parent[v] ?? -1) {
      dist[v] = Infinity;
      arcOf[v] = -1;
    }
  }

  /**
   * Seconds between many nodes and the best seed of each lane, swept lazily (see LazySweep):
   * toward the seeds, or `outward` from them.
   */
  sweep(lanes: readonly (readonly Start[])[], outward = false): LazySweep {
    return new LazySweep(this.metric, this.chains, lanes, outward);
  }
}
