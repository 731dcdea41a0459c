import type { CchMetric } from './metric.ts';

/** One node's upward search: the ranks of its elimination-tree chain, lowest first, and labels. */
export interface Chain {
  ranks: Uint32Array;
  seconds: Float64Array;
}

const KEPT = 4096;

/**
 * Upward searches from single nodes, kept: depots, shelters and teams at base are the same
 * nodes query after query, and a many-seed upward search is the minimum of its seeds' own
 * (each plus its head start), so a sweep seeded at 60 depots reads 60 kept chains instead of
 * relaxing every arc above them again.
 */
export class Chains {
  private readonly kept = new Map<number, Chain>();
  private readonly dist: Float64Array;

  constructor(private readonly metric: CchMetric) {
    this.dist = new Float64Array(metric.topology.nodeCount).fill(Infinity);
  }

  /** Forgets every chain (the metric's weights changed). */
  clear(): void {
    this.kept.clear();
  }

  /** The chain of a node (network node, not rank), climbing the up weights or the down ones. */
  of(node: number, up: boolean): Chain {
    const key = node * 2 + (up ? 1 : 0);
    const kept = this.kept.get(key);
    if (kept) return kept;
    const { parent, rank, first, head } = this.metric.topology;
    const weights = up ? this.metric.up : this.metric.down;
    const { dist } = this;
    const walk: number[] = [];
    for (let v = rank[node] ?? 0; v >= 0; v = parent[v] ?? -1) walk.push(v);
    const ranks = Uint32Array.from(walk);
    dist[ranks[0] ?? 0] = 0;
    for (const v of ranks) {
      const base = dist[v] ?? Infinity;
      if (base === Infinity) continue;
      for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
        const t = base + (weights[e] ?? Infinity);
        const w = head[e] ?? 0;
        if (t < (dist[w] ?? Infinity)) dist[w] = t;
      }
    }
    const seconds = Float64Array.from(ranks, (v) => dist[v] ?? Infinity);
    for (const v of ranks) dist[v] = Infinity;
    // Oldest out first: a long-running gateway asks about ever new points.
    if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value ?? key);
    const chain = { ranks, seconds };
    this.kept.set(key, chain);
    return chain;
  }
}
