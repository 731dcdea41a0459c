import { adjacencyOf, dissectionOrder } from './dissection.ts';

/** `arcOfInput` of a loop (an arc from a node to itself, never on a shortest way). */
export const NO_ARC = 0xffffffff;

/** The directed arcs a hierarchy is built over: node positions and arc ends. */
export interface ArcGraph {
  /** Planar coordinates of each node (for the dissection only). */
  x: Float64Array;
  y: Float64Array;
  tails: Uint32Array;
  heads: Uint32Array;
}

/**
 * The metric-independent half of a customizable contraction hierarchy (CCH): nodes relabelled by
 * rank, and every arc the contraction in that order creates, kept whether or not it will ever be
 * a shortest way (no witness search). Because nothing depends on travel times, one topology
 * serves every metric: free flow, flooded roads closed, a convoy's slower speeds.
 *
 * Arcs are stored once, from the lower-ranked end `tail` to the higher `head`, grouped by tail
 * and sorted by head; a metric gives each arc a weight in both directions. Every node's upper
 * neighbours are its ancestors in the elimination tree (`parent`: the lowest upper neighbour),
 * which is what makes searches a walk up the tree instead of a Dijkstra.
 */
export class CchTopology {
  readonly nodeCount: number;
  /** Rank of each node, and the node at each rank. Everything below works on ranks. */
  readonly rank: Uint32Array;
  readonly nodeAt: Uint32Array;
  /** Arcs of rank r are first[r] .. first[r + 1] - 1. */
  readonly first: Uint32Array;
  readonly tail: Uint32Array;
  readonly head: Uint32Array;
  /** Elimination tree: the lowest upper neighbour of each rank, -1 at a root. */
  readonly parent: Int32Array;
  /** The hierarchy arc each input arc lies on, and whether it runs up it (tail → head). */
  readonly arcOfInput: Uint32Array;
  readonly inputRunsUp: Uint8Array;

  constructor(graph: ArcGraph) {
    const n = graph.x.length;
    this.nodeCount = n;
    this.rank = dissectionOrder(graph.x, graph.y, adjacencyOf(n, graph.tails, graph.heads));
    this.nodeAt = new Uint32Array(n);
    for (let v = 0; v < n; v++) this.nodeAt[this.rank[v] ?? 0] = v;

    // Chordal completion: contracting rank r joins all its upper neighbours into a clique. It is
    // enough to hand them to the lowest of them (its parent), which passes them on in turn.
    const upper: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < graph.tails.length; i++) {
      const a = this.rank[graph.tails[i] ?? 0] ?? 0;
      const b = this.rank[graph.heads[i] ?? 0] ?? 0;
      if (a < b) upper[a]?.push(b);
      else if (b < a) upper[b]?.push(a);
    }
    const lists: Uint32Array[] = new Array<Uint32Array>(n);
    this.parent = new Int32Array(n).fill(-1);
    let arcs = 0;
    for (let r = 0; r < n; r++) {
      const list = uniqueSorted(upper[r] ?? []);
      upper[r] = [];
      lists[r] = list;
      arcs += list.length;
      const p = list[0];
      if (p === undefined) continue;
      this.parent[r] = p;
      const into = upper[p] ?? [];
      for (let i = 1; i < list.length; i++) into.push(list[i] ?? 0);
    }
    this.first = new Uint32Array(n + 1);
    this.tail = new Uint32Array(arcs);
    this.head = new Uint32Array(arcs);
    for (let r = 0, at = 0; r < n; r++) {
      const list = lists[r] ?? new Uint32Array(0);
      this.first[r] = at;
      this.head.set(list, at);
      this.tail.fill(r, at, at + list.length);
      at += list.length;
    }
    this.first[n] = arcs;

    this.arcOfInput = new Uint32Array(graph.tails.length).fill(NO_ARC);
    this.inputRunsUp = new Uint8Array(graph.tails.length);
    for (let i = 0; i < graph.tails.length; i++) {
      const a = this.rank[graph.tails[i] ?? 0] ?? 0;
      const b = this.rank[graph.heads[i] ?? 0] ?? 0;
      if (a === b) continue;
      this.inputRunsUp[i] = a < b ? 1 : 0;
      this.arcOfInput[i] = a < b ? this.arc(a, b) : this.arc(b, a);
    }
  }

  private lower: { first: Uint32Array; arcs: Uint32Array } | null = null;
  private inputs: { first: Uint32Array; list: Uint32Array } | null = null;

  /**
   * The arcs into each rank from below (whose head it is), sorted by tail: the lower triangles of
   * an arc (a, b) are the tails both lists share. Built on first use (re-customization only).
   */
  lowerArcs(): { first: Uint32Array; arcs: Uint32Array } {
    if (!this.lower) {
      const n = this.nodeCount;
      const first = new Uint32Array(n + 1);
      for (const h of this.head) first[h + 1] = (first[h + 1] ?? 0) + 1;
      for (let v = 0; v < n; v++) first[v + 1] = (first[v + 1] ?? 0) + (first[v] ?? 0);
      const fill = first.slice(0, n);
      const arcs = new Uint32Array(this.arcCount);
      // Arcs are grouped by ascending tail, so each list comes out sorted by tail.
      for (let e = 0; e < this.arcCount; e++) {
        const h = this.head[e] ?? 0;
        arcs[fill[h] ?? 0] = e;
        fill[h] = (fill[h] ?? 0) + 1;
      }
      this.lower = { first, arcs };
    }
    return this.lower;
  }

  /** The input arcs on each hierarchy arc (most have none). Built on first use. */
  inputArcs(): { first: Uint32Array; list: Uint32Array } {
    if (!this.inputs) {
      const m = this.arcCount;
      const first = new Uint32Array(m + 1);
      for (const a of this.arcOfInput) if (a !== NO_ARC) first[a + 1] = (first[a + 1] ?? 0) + 1;
      for (let e = 0; e < m; e++) first[e + 1] = (first[e + 1] ?? 0) + (first[e] ?? 0);
      const fill = first.slice(0, m);
      const list = new Uint32Array(first[m] ?? 0);
      this.arcOfInput.forEach((a, i) => {
        if (a === NO_ARC) return;
        list[fill[a] ?? 0] = i;
        fill[a] = (fill[a] ?? 0) + 1;
      });
      this.inputs = { first, list };
    }
    return this.inputs;
  }

  get arcCount(): number {
    return this.head.length;
  }

  /** The arc from rank `lo` up to rank `hi` (it must exist: both ends of a triangle do). */
  arc(lo: number, hi: number): number {
    let a = this.first[lo] ?? 0;
    let b = this.first[lo + 1] ?? 0;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((this.head[mid] ?? 0) < hi) a = mid + 1;
      else b = mid;
    }
    if (this.head[a] !== hi || a >= (this.first[lo + 1] ?? 0))
      throw new Error(`no hierarchy arc from rank ${lo} to ${hi}`);
    return a;
  }

  /** Ranks from `r` to its root, lowest first. */
  *ancestors(r: number): Generator<number> {
    for (let v = r; v >= 0; v = this.parent[v] ?? -1) yield v;
  }
}

function uniqueSorted(values: readonly number[]): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let k = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i] ?? 0;
  return sorted.slice(0, k);
}
