import type { CchMetric } from './metric.ts';
import type { Start } from './search.ts';
import { Stamps, stalled } from './upward.ts';

/** Distances left at a node by the columns' upward searches: bucket of rank v is first[v]… */
interface Buckets {
  first: Uint32Array;
  column: Uint32Array;
  seconds: Float64Array;
}

/**
 * Seconds from each row's best start to each column (many to many with buckets): each column's
 * upward search leaves its distance at every ancestor it does not stall at; each row's upward
 * search then reads the buckets on its own ancestors. Both walk a chain of a few hundred nodes,
 * so a 700 × 1,000 matrix costs 1,700 short searches plus the bucket reads.
 *
 * The phases are small functions of their own on purpose: V8 optimizes one long function with
 * three hot loops worse than it does its first on-stack replacement (700 ms against 480 for the
 * same matrix, measured), and small ones stay at the fast level.
 */
export function manyToMany(
  metric: CchMetric,
  rows: readonly (readonly Start[])[],
  columns: readonly Start[],
): Float64Array[] {
  const dist = new Float64Array(metric.topology.nodeCount).fill(Infinity);
  const buckets = columnBuckets(metric, columns, dist);
  const stamps = new Stamps(metric.topology.nodeCount);
  return rows.map((starts) => {
    const row = new Float64Array(columns.length).fill(Infinity);
    const chain = stamps.startAt(metric.topology.parent, metric.topology.rank, starts, dist);
    readRow(metric, chain, dist, buckets, row);
    for (const v of chain) dist[v] = Infinity;
    return row;
  });
}

/** The columns' upward searches (down weights: travelling towards them), as buckets by rank. */
function columnBuckets(metric: CchMetric, columns: readonly Start[], dist: Float64Array): Buckets {
  const { parent, rank, nodeCount } = metric.topology;
  const entries = new Entries();
  columns.forEach((c, j) => {
    const r = rank[c.node] ?? 0;
    dist[r] = c.seconds;
    climbColumn(metric, r, j, dist, entries);
    for (let v = r; v >= 0; v = parent[v] ?? -1) dist[v] = Infinity;
  });
  const first = new Uint32Array(nodeCount + 1);
  for (let k = 0; k < entries.length; k++) {
    const v = entries.node[k] ?? 0;
    first[v + 1] = (first[v + 1] ?? 0) + 1;
  }
  for (let v = 0; v < nodeCount; v++) first[v + 1] = (first[v + 1] ?? 0) + (first[v] ?? 0);
  const fill = first.slice(0, nodeCount);
  const column = new Uint32Array(entries.length);
  const seconds = new Float64Array(entries.length);
  for (let k = 0; k < entries.length; k++) {
    const v = entries.node[k] ?? 0;
    const at = fill[v] ?? 0;
    fill[v] = at + 1;
    column[at] = entries.column[k] ?? 0;
    seconds[at] = entries.seconds[k] ?? Infinity;
  }
  return { first, column, seconds };
}

function climbColumn(
  metric: CchMetric,
  r: number,
  j: number,
  dist: Float64Array,
  entries: Entries,
): void {
  const { parent, first, head } = metric.topology;
  const { up, down } = metric;
  for (let v = r; v >= 0; v = parent[v] ?? -1) {
    const base = dist[v] ?? Infinity;
    if (base === Infinity || stalled(v, base, first, head, up, dist)) continue;
    entries.push(v, j, base);
    for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
      const w = head[e] ?? 0;
      const t = base + (down[e] ?? Infinity);
      if (t < (dist[w] ?? Infinity)) dist[w] = t;
    }
  }
}

/** One row's upward search from its starts (labels in `dist`), reading the buckets it meets. */
function readRow(
  metric: CchMetric,
  chain: Uint32Array,
  dist: Float64Array,
  buckets: Buckets,
  row: Float64Array,
): void {
  const { first, head } = metric.topology;
  const { up, down } = metric;
  for (let c = 0; c < chain.length; c++) {
    const v = chain[c] ?? 0;
    const base = dist[v] ?? Infinity;
    if (base === Infinity || stalled(v, base, first, head, down, dist)) continue;
    for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
      const w = head[e] ?? 0;
      const t = base + (up[e] ?? Infinity);
      if (t < (dist[w] ?? Infinity)) dist[w] = t;
    }
    minOver(row, base, buckets, v);
  }
}

/** row[j] = min(row[j], base + bucket entry) over the bucket of rank v. */
function minOver(row: Float64Array, base: number, buckets: Buckets, v: number): void {
  const { first, column, seconds } = buckets;
  for (let b = first[v] ?? 0; b < (first[v + 1] ?? 0); b++) {
    const j = column[b] ?? 0;
    const t = base + (seconds[b] ?? Infinity);
    if (t < (row[j] ?? Infinity)) row[j] = t;
  }
}

/** Bucket entries as they come, in growing typed arrays (a million of them for a city). */
class Entries {
  node = new Uint32Array(1 << 16);
  column = new Uint32Array(1 << 16);
  seconds = new Float64Array(1 << 16);
  length = 0;

  push(node: number, column: number, seconds: number): void {
    if (this.length === this.node.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
      const size = this.length * 2;
      this.node = grow(this.node, new Uint32Array(size));
      this.column = grow(this.column, new Uint32Array(size));
      this.seconds = grow(this.seconds, new Float64Array(size));
    }
    this.node[this.length] = node;
    this.column[this.length] = column;
    this.seconds[this.length] = seconds;
    this.length++;
  }
}
