import type { CchMetric } from './metric.ts';
import { NO_WAY } from './metric.ts';
import { relax, Stamps } from './upward.ts';

/** A start (or end) of a search: a node and the seconds already spent getting to it. */
export interface Start {
  node: number;
  seconds: number;
}

/**
 * The part of the hierarchy sweeps for a set of nodes visit (RPHAST's restricted graph): every
 * ancestor of them, highest rank first, with its arcs and their weights copied out in that order.
 */
export interface Selection {
  /** Local index (sweep position) of each node given, in the order given. */
  readonly local: Uint32Array;
  /** Rank at each local index, highest first. */
  readonly order: Uint32Array;
  /** Local index of each rank, -1 outside the selection. */
  readonly localOf: Int32Array;
  /** Arcs of local i: first[i] .. first[i + 1] - 1, to local heads (earlier in the sweep). */
  readonly first: Uint32Array;
  readonly head: Uint32Array;
  readonly up: Float64Array;
  readonly down: Float64Array;
}

/** A sweep's answer per selected node: seconds, and which seed (start or end) gave them. */
export interface Swept {
  seconds: Float64Array;
  /** Index into the seeds, -1 where none reaches. */
  seed: Int32Array;
}

/**
 * Queries on one customized hierarchy. Point to point walks both ends' elimination-tree ancestors
 * (no priority queue) and meets at a common one; many to one and one to many sweep a selection
 * top-down (RPHAST). Scratch arrays are kept between queries and reset by walking only what a
 * query touched, so a query costs the size of its search space, not of the network.
 */
export class CchSearch {
  private readonly forward: Float64Array;
  private readonly backward: Float64Array;
  private readonly forwardArc: Int32Array;
  private readonly backwardArc: Int32Array;
  private readonly stamps: Stamps;

  constructor(readonly metric: CchMetric) {
    const n = metric.topology.nodeCount;
    this.forward = new Float64Array(n).fill(Infinity);
    this.backward = new Float64Array(n).fill(Infinity);
    this.forwardArc = new Int32Array(n).fill(-1);
    this.backwardArc = new Int32Array(n).fill(-1);
    this.stamps = new Stamps(n);
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
   * The part of the hierarchy that sweeps for these nodes visit, copied out with its weights in
   * sweep order (RPHAST): a sweep then reads memory front to back instead of all over the
   * network. Build once per node set and metric, sweep many times.
   */
  select(nodes: ArrayLike<number>): Selection {
    const { rank, parent, first, head } = this.metric.topology;
    const { up, down } = this.metric;
    const chosen = this.stamps.ancestors(
      parent,
      Array.from(nodes, (v) => rank[v] ?? 0),
    );
    const order = Uint32Array.from(chosen).sort().reverse();
    const localOf = new Int32Array(this.metric.topology.nodeCount).fill(-1);
    let arcs = 0;
    for (let i = 0; i < order.length; i++) {
      const v = order[i] ?? 0;
      localOf[v] = i;
      arcs += (first[v + 1] ?? 0) - (first[v] ?? 0);
    }
    const localFirst = new Uint32Array(order.length + 1);
    const localHead = new Uint32Array(arcs);
    const localUp = new Float64Array(arcs);
    const localDown = new Float64Array(arcs);
    for (let i = 0, at = 0; i < order.length; i++) {
      const v = order[i] ?? 0;
      localFirst[i] = at;
      for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++, at++) {
        localHead[at] = localOf[head[e] ?? 0] ?? 0;
        localUp[at] = up[e] ?? Infinity;
        localDown[at] = down[e] ?? Infinity;
      }
    }
    localFirst[order.length] = arcs;
    const local = new Uint32Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) local[i] = localOf[rank[nodes[i] ?? 0] ?? 0] ?? 0;
    return {
      local,
      order,
      localOf,
      first: localFirst,
      head: localHead,
      up: localUp,
      down: localDown,
    };
  }

  /**
   * Seconds from each selected node to the best of `ends` (plus that end's seconds), and which
   * end that was.
   */
  toMany(selection: Selection, ends: readonly Start[]): Swept {
    return this.sweep(selection, [ends], false)[0] ?? noSweep(selection);
  }

  /** Seconds from the best of `starts` to each selected node, and which start that was. */
  fromMany(selection: Selection, starts: readonly Start[]): Swept {
    return this.sweep(selection, [starts], true)[0] ?? noSweep(selection);
  }

  /**
   * `toMany` for several sets of ends at once, in one pass over the selection: each arc is read
   * once for all of them (a dispatch desk prices the scene and every kind of depot detour).
   */
  toManyEach(selection: Selection, lanes: readonly (readonly Start[])[]): Swept[] {
    return this.sweep(selection, lanes, false);
  }

  private sweep(
    selection: Selection,
    lanes: readonly (readonly Start[])[],
    outward: boolean,
  ): Swept[] {
    const { topology } = this.metric;
    const { first, head, parent, rank } = topology;
    const dist = this.forward;
    const seedOf = this.forwardArc;
    const K = lanes.length;
    const L = selection.order.length;
    // Lane l of local node i is at i * K + l.
    const best = new Float64Array(L * K).fill(Infinity);
    const bestSeed = new Int32Array(L * K).fill(-1);
    // Upward search from each lane's seeds over their ancestors, lowest rank first. Outward (from
    // the seeds) climbs the up weights; inward (to them) the down weights, i.e. travelling
    // towards the lower end. Its labels where it meets the selection start the sweep.
    const climb = outward ? this.metric.up : this.metric.down;
    lanes.forEach((seeds, lane) => {
      const chain = this.stamps.startAt(parent, rank, seeds, dist, seedOf);
      for (const v of chain) {
        const base = dist[v] ?? Infinity;
        if (base === Infinity) continue;
        const k = seedOf[v] ?? -1;
        for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
          const w = head[e] ?? 0;
          const t = base + (climb[e] ?? Infinity);
          if (t < (dist[w] ?? Infinity)) {
            dist[w] = t;
            seedOf[w] = k;
          }
        }
      }
      for (const v of chain) {
        const i = selection.localOf[v] ?? -1;
        if (i >= 0) {
          best[i * K + lane] = dist[v] ?? Infinity;
          bestSeed[i * K + lane] = seedOf[v] ?? -1;
        }
        dist[v] = Infinity;
        seedOf[v] = -1;
      }
    });
    // Down the selection from the top: a node's best is its own or via an upper neighbour, whose
    // value is final already (it comes earlier in the sweep).
    const descend = outward ? selection.down : selection.up;
    const { first: from, head: to } = selection;
    for (let i = 0; i < L; i++) {
      const here = i * K;
      for (let e = from[i] ?? 0; e < (from[i + 1] ?? 0); e++) {
        const there = (to[e] ?? 0) * K;
        const w = descend[e] ?? Infinity;
        if (w === Infinity) continue;
        for (let l = 0; l < K; l++) {
          const t = (best[there + l] ?? Infinity) + w;
          if (t < (best[here + l] ?? Infinity)) {
            best[here + l] = t;
            bestSeed[here + l] = bestSeed[there + l] ?? -1;
          }
        }
      }
    }
    return lanes.map((_, lane) => {
      const seconds = new Float64Array(selection.local.length);
      const seed = new Int32Array(selection.local.length);
      for (let i = 0; i < seconds.length; i++) {
        const at = (selection.local[i] ?? 0) * K + lane;
        seconds[i] = best[at] ?? Infinity;
        seed[i] = bestSeed[at] ?? -1;
      }
      return { seconds, seed };
    });
  }
}

const noSweep = (selection: Selection): Swept => ({
  seconds: new Float64Array(selection.local.length).fill(Infinity),
  seed: new Int32Array(selection.local.length).fill(-1),
});
