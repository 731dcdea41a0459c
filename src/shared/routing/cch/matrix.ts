import type { CchMetric } from './metric.ts';
import type { Start } from './search.ts';
import { Stamps, stalled } from './upward.ts';

/**
 * Seconds from each row's best start to each column (many to many with buckets): each column's
 * upward search leaves its distance at every ancestor it does not stall at; each row's upward
 * search then reads the buckets on its own ancestors. Both walk a chain of a few hundred nodes,
 * so a 700 × 1,000 matrix costs 1,700 short searches plus the bucket reads.
 */
export function manyToMany(
  metric: CchMetric,
  rows: readonly (readonly Start[])[],
  columns: readonly Start[],
): Float64Array[] {
  const { parent, first, head, rank, nodeCount } = metric.topology;
  const { up, down } = metric;
  const dist = new Float64Array(nodeCount).fill(Infinity);
  // Columns: upward searches to them (down weights), entries per ancestor.
  const entryNode: number[] = [];
  const entryColumn: number[] = [];
  const entrySeconds: number[] = [];
  columns.forEach((c, j) => {
    const r = rank[c.node] ?? 0;
    dist[r] = c.seconds;
    for (let v = r; v >= 0; v = parent[v] ?? -1) {
      const base = dist[v] ?? Infinity;
      if (base === Infinity || stalled(v, base, first, head, up, dist)) continue;
      entryNode.push(v);
      entryColumn.push(j);
      entrySeconds.push(base);
      for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
        const w = head[e] ?? 0;
        const t = base + (down[e] ?? Infinity);
        if (t < (dist[w] ?? Infinity)) dist[w] = t;
      }
    }
    for (let v = r; v >= 0; v = parent[v] ?? -1) dist[v] = Infinity;
  });
  const bucketFirst = new Uint32Array(nodeCount + 1);
  for (const v of entryNode) bucketFirst[v + 1] = (bucketFirst[v + 1] ?? 0) + 1;
  for (let v = 0; v < nodeCount; v++)
    bucketFirst[v + 1] = (bucketFirst[v + 1] ?? 0) + (bucketFirst[v] ?? 0);
  const fill = bucketFirst.slice(0, nodeCount);
  const bucketColumn = new Uint32Array(entryNode.length);
  const bucketSeconds = new Float64Array(entryNode.length);
  entryNode.forEach((v, k) => {
    const at = fill[v] ?? 0;
    fill[v] = at + 1;
    bucketColumn[at] = entryColumn[k] ?? 0;
    bucketSeconds[at] = entrySeconds[k] ?? Infinity;
  });
  // Rows: upward searches from their starts, reading the buckets on the way.
  const stamps = new Stamps(nodeCount);
  return rows.map((starts) => {
    const row = new Float64Array(columns.length).fill(Infinity);
    const chain = stamps.startAt(parent, rank, starts, dist);
    for (const v of chain) {
      const base = dist[v] ?? Infinity;
      if (base === Infinity || stalled(v, base, first, head, down, dist)) continue;
      for (let e = first[v] ?? 0; e < (first[v + 1] ?? 0); e++) {
        const w = head[e] ?? 0;
        const t = base + (up[e] ?? Infinity);
        if (t < (dist[w] ?? Infinity)) dist[w] = t;
      }
      for (let b = bucketFirst[v] ?? 0; b < (bucketFirst[v + 1] ?? 0); b++) {
        const j = bucketColumn[b] ?? 0;
        const t = base + (bucketSeconds[b] ?? Infinity);
        if (t < (row[j] ?? Infinity)) row[j] = t;
      }
    }
    for (const v of chain) dist[v] = Infinity;
    return row;
  });
}
