import type { Start } from './search.ts';

/**
 * Which ranks a search has visited, without clearing between searches: each search takes a new
 * stamp. Upward searches walk elimination-tree chains, and the ancestors of a visited node are
 * visited already, so a union of chains stops where it meets one it has.
 */
export class Stamps {
  private readonly stamp: Uint32Array;
  private now = 0;

  constructor(nodeCount: number) {
    this.stamp = new Uint32Array(nodeCount);
  }

  private next(): number {
    if (++this.now === 0xffffffff) {
      this.stamp.fill(0);
      this.now = 1;
    }
    return this.now;
  }

  /** Every ancestor of the ranks given (themselves included), each once, in walk order. */
  ancestors(parent: Int32Array, ranks: Iterable<number>): number[] {
    const mark = this.next();
    const out: number[] = [];
    for (const r of ranks)
      for (let v = r; v >= 0 && this.stamp[v] !== mark; v = parent[v] ?? -1) {
        this.stamp[v] = mark;
        out.push(v);
      }
    return out;
  }

  /**
   * The ancestors of a search's starts, lowest rank first (the order an upward search takes
   * them), with each start's seconds put in `dist` (the best where two share a node) and, if
   * given, its index in `seedOf`.
   */
  startAt(
    parent: Int32Array,
    rank: Uint32Array,
    starts: readonly Start[],
    dist: Float64Array,
    seedOf?: Int32Array,
  ): Uint32Array {
    starts.forEach((s, k) => {
      const r = rank[s.node] ?? 0;
      if (s.seconds < (dist[r] ?? Infinity)) {
        dist[r] = s.seconds;
        if (seedOf) seedOf[r] = k;
      }
    });
    const chain = this.ancestors(
      parent,
      starts.map((s) => rank[s.node] ?? 0),
    );
    // One start's chain is in rank order already; a union needs sorting.
    const ranks = Uint32Array.from(chain);
    return starts.length > 1 ? ranks.sort() : ranks;
  }
}

/** Relaxes the upper arcs of `v` with `weights`, noting the arc that improved each label. */
export function relax(
  v: number,
  first: Uint32Array,
  head: Uint32Array,
  weights: Float64Array,
  dist: Float64Array,
  arcOf: Int32Array,
): void {
  const base = dist[v] ?? Infinity;
  for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
    const w = head[e] ?? 0;
    const t = base + (weights[e] ?? Infinity);
    if (t < (dist[w] ?? Infinity)) {
      dist[w] = t;
      arcOf[w] = e;
    }
  }
}

/**
 * Stall on demand: a node whose label an upper neighbour already beats (through the arc between
 * them) is not on any shortest way the search can find there, so it neither relaxes its arcs
 * nor meets the other side. Upper labels are upper bounds at this point, which is enough.
 */
export function stalled(
  v: number,
  label: number,
  first: Uint32Array,
  head: Uint32Array,
  towardV: Float64Array,
  dist: Float64Array,
): boolean {
  for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++)
    if ((dist[head[e] ?? 0] ?? Infinity) + (towardV[e] ?? Infinity) < label) return true;
  return false;
}
