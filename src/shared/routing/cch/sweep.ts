import type { CchMetric } from './metric.ts';
import type { Chains } from './chains.ts';
import type { Start } from './search.ts';

/** A sweep's answer per node asked: seconds, and which seed (start or end) gave them. */
export interface Swept {
  seconds: Float64Array;
  /** Index into the lane's seeds, -1 where none reaches. */
  seed: Int32Array;
}

/**
 * Seconds between many nodes and the best seed of each lane (PHAST-style): an upward search
 * from each lane's seeds, then a sweep down the hierarchy in which a node's value is its own
 * label or an upper neighbour's value plus the arc between them. Upper neighbours are
 * elimination-tree ancestors, so a node's value depends on its ancestors alone: the sweep is
 * lazy, each query sweeps only the ancestors no earlier query swept, and a caller that asks for
 * a few nodes, then a few more, pays for the union of their chains once. All lanes ride one pass
 * over each arc (a dispatch desk prices the scene and every kind of depot detour together).
 *
 * Toward (`outward` false): seconds from each node to its best seed, plus that seed's seconds;
 * outward: from the best seed to each node.
 */
export class LazySweep {
  private readonly lanes: number;
  /** Upward labels on the union of the seeds' chains: index per rank, -1 off the chains. */
  private readonly labelAt: Int32Array;
  private readonly label: Float64Array;
  private readonly labelSeed: Int32Array;
  /** Swept values: index per rank, -1 where not swept yet. */
  private readonly valueAt: Int32Array;
  private value = new Float64Array(0);
  private valueSeed = new Int32Array(0);
  private swept = 0;

  constructor(
    private readonly metric: CchMetric,
    private readonly chains: Chains,
    lanes: readonly (readonly Start[])[],
    private readonly outward: boolean,
  ) {
    const { nodeCount } = metric.topology;
    const K = (this.lanes = lanes.length);
    this.labelAt = new Int32Array(nodeCount).fill(-1);
    this.valueAt = new Int32Array(nodeCount).fill(-1);
    // Each lane's upward labels are the minimum over its seeds of the seed's own chain plus its
    // head start. Outward (from the seeds) climbs the up weights; toward them the down weights,
    // i.e. travelling towards the lower end.
    const chainsOf = lanes.map((seeds) => seeds.map((s) => chains.of(s.node, outward)));
    let count = 0;
    for (const lane of chainsOf)
      for (const { ranks } of lane)
        for (const v of ranks) if (this.labelAt[v] === -1) this.labelAt[v] = count++;
    this.label = new Float64Array(count * K).fill(Infinity);
    this.labelSeed = new Int32Array(count * K).fill(-1);
    chainsOf.forEach((lane, l) =>
      lane.forEach(({ ranks, seconds }, k) => {
        const head = lanes[l]?.[k]?.seconds ?? Infinity;
        for (let i = 0; i < ranks.length; i++) {
          const at = (this.labelAt[ranks[i] ?? 0] ?? 0) * K + l;
          const t = head + (seconds[i] ?? Infinity);
          if (t < (this.label[at] ?? Infinity)) {
            this.label[at] = t;
            this.labelSeed[at] = k;
          }
        }
      }),
    );
  }

  /**
   * Per lane, the seconds of each node given and its best seed, by meeting each node's own
   * chain with the lanes' labels instead of sweeping: cheaper for a few nodes whose chains are
   * kept (depots, shelters), and the same answer (the fastest way has its top on both chains).
   */
  meet(nodes: ArrayLike<number>): Swept[] {
    const K = this.lanes;
    const out = Array.from({ length: K }, () => ({
      seconds: new Float64Array(nodes.length).fill(Infinity),
      seed: new Int32Array(nodes.length).fill(-1),
    }));
    const { label, labelSeed, labelAt } = this;
    for (let i = 0; i < nodes.length; i++) {
      const { ranks, seconds } = this.chains.of(nodes[i] ?? 0, !this.outward);
      for (let c = 0; c < ranks.length; c++) {
        const at = labelAt[ranks[c] ?? 0] ?? -1;
        if (at < 0) continue;
        const own = seconds[c] ?? Infinity;
        for (let l = 0; l < K; l++) {
          const lane = out[l];
          const t = own + (label[at * K + l] ?? Infinity);
          if (lane && t < (lane.seconds[i] ?? Infinity)) {
            lane.seconds[i] = t;
            lane.seed[i] = labelSeed[at * K + l] ?? -1;
          }
        }
      }
    }
    return out;
  }

  /** Per lane, the seconds of each node given (network nodes, not ranks) and its best seed. */
  of(nodes: ArrayLike<number>): Swept[] {
    const { rank } = this.metric.topology;
    this.sweepAbove(Array.from(nodes, (v) => rank[v] ?? 0));
    const K = this.lanes;
    return Array.from({ length: K }, (_, l) => {
      const seconds = new Float64Array(nodes.length);
      const seed = new Int32Array(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        const at = (this.valueAt[rank[nodes[i] ?? 0] ?? 0] ?? 0) * K + l;
        seconds[i] = this.value[at] ?? Infinity;
        seed[i] = this.valueSeed[at] ?? -1;
      }
      return { seconds, seed };
    });
  }

  /** Sweeps the ancestors of these ranks not swept yet, highest rank first. */
  private sweepAbove(ranks: readonly number[]): void {
    const { parent, first, head } = this.metric.topology;
    const descend = this.outward ? this.metric.down : this.metric.up;
    const K = this.lanes;
    // An ancestor of a swept node is swept: a climb stops at the first it meets.
    const fresh: number[] = [];
    for (const r of ranks)
      for (let v = r; v >= 0 && this.valueAt[v] === -1; v = parent[v] ?? -1) {
        this.valueAt[v] = -2;
        fresh.push(v);
      }
    const order = Uint32Array.from(fresh).sort().reverse();
    this.reserve(this.swept + order.length);
    const { value, valueSeed, label, labelSeed, labelAt, valueAt } = this;
    for (const v of order) {
      const i = this.swept++;
      valueAt[v] = i;
      const here = i * K;
      const own = labelAt[v] ?? -1;
      for (let l = 0; l < K; l++) {
        value[here + l] = own >= 0 ? (label[own * K + l] ?? Infinity) : Infinity;
        valueSeed[here + l] = own >= 0 ? (labelSeed[own * K + l] ?? -1) : -1;
      }
      for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
        const w = descend[e] ?? Infinity;
        if (w === Infinity) continue;
        const there = (valueAt[head[e] ?? 0] ?? 0) * K;
        for (let l = 0; l < K; l++) {
          const t = (value[there + l] ?? Infinity) + w;
          if (t < (value[here + l] ?? Infinity)) {
            value[here + l] = t;
            valueSeed[here + l] = valueSeed[there + l] ?? -1;
          }
        }
      }
    }
  }

  private reserve(count: number): void {
    if (count * this.lanes <= this.value.length) return;
    const size = Math.max(count, 2 * (this.value.length / Math.max(1, this.lanes))) * this.lanes;
    const value = new Float64Array(size);
    value.set(this.value);
    const seed = new Int32Array(size);
    seed.set(this.valueSeed);
    this.value = value;
    this.valueSeed = seed;
  }
}
