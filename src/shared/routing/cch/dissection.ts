/**
 * The node order of a customizable contraction hierarchy, by nested dissection: cut the cell in
 * two along a straight line, rank the nodes that must be removed to disconnect the halves (the
 * separator) above everything in the cell, and recurse into each half. The order depends only on
 * the road network's shape, never on travel times, which is what lets closures re-weight the
 * hierarchy without rebuilding it.
 *
 * The cut is geometric: the best of four directions, at whichever point along it cuts fewest
 * roads for its balance. That suits road networks: towns are joined by few roads and railways
 * or rivers are crossed by few bridges, so separators are small. The separator is the smaller
 * set of cut-edge ends, a vertex cover of the cut.
 */

/** Directions tried for each cut: east-west, north-south and both diagonals. */
const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [Math.SQRT1_2, Math.SQRT1_2],
  [Math.SQRT1_2, -Math.SQRT1_2],
];

/** An undirected graph as adjacency lists (each edge in both ends' lists). */
export interface Adjacency {
  offsets: Uint32Array;
  neighbours: Uint32Array;
}

/** Adjacency of the undirected graph under a list of directed arcs (loops and repeats dropped). */
export function adjacencyOf(nodeCount: number, tails: Uint32Array, heads: Uint32Array): Adjacency {
  const degree = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < tails.length; i++) {
    const a = tails[i] ?? 0;
    const b = heads[i] ?? 0;
    if (a === b) continue;
    degree[a + 1] = (degree[a + 1] ?? 0) + 1;
    degree[b + 1] = (degree[b + 1] ?? 0) + 1;
  }
  const offsets = new Uint32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) offsets[v + 1] = (offsets[v] ?? 0) + (degree[v + 1] ?? 0);
  const neighbours = new Uint32Array(offsets[nodeCount] ?? 0);
  const fill = offsets.slice(0, nodeCount);
  for (let i = 0; i < tails.length; i++) {
    const a = tails[i] ?? 0;
    const b = heads[i] ?? 0;
    if (a === b) continue;
    neighbours[fill[a] ?? 0] = b;
    fill[a] = (fill[a] ?? 0) + 1;
    neighbours[fill[b] ?? 0] = a;
    fill[b] = (fill[b] ?? 0) + 1;
  }
  return { offsets, neighbours };
}

interface Cut {
  /** 0: first half, 1: second half, 2: separator; indexed like the cell. */
  side: Uint8Array;
  /** Separator size weighed by balance (lower is better). */
  score: number;
}

/**
 * Ranks (0 = contracted first) for every node. `x`, `y` are planar coordinates (longitude scaled
 * by the cosine of the latitude is plenty).
 */
export function dissectionOrder(x: Float64Array, y: Float64Array, graph: Adjacency): Uint32Array {
  const n = x.length;
  const rank = new Uint32Array(n);
  // Which cell a node is in right now (a stamp per cell), and its index in that cell.
  const cellOf = new Int32Array(n).fill(-1);
  const indexInCell = new Uint32Array(n);
  let stamp = 0;
  const stack: { nodes: Uint32Array; lo: number }[] = [
    { nodes: Uint32Array.from({ length: n }, (_, i) => i), lo: 0 },
  ];
  while (stack.length > 0) {
    const { nodes, lo } = stack.pop() ?? { nodes: new Uint32Array(0), lo: 0 };
    const k = nodes.length;
    if (k <= 2) {
      for (let i = 0; i < k; i++) rank[nodes[i] ?? 0] = lo + i;
      continue;
    }
    stamp++;
    for (let i = 0; i < k; i++) {
      const v = nodes[i] ?? 0;
      cellOf[v] = stamp;
      indexInCell[v] = i;
    }
    let best: Cut | null = null;
    for (const direction of DIRECTIONS) {
      const cut = cutAlong(direction, nodes, x, y, graph, cellOf, indexInCell, stamp);
      if (!best || cut.score < best.score) best = cut;
    }
    const side = best?.side ?? new Uint8Array(k);
    const halves: [number[], number[]] = [[], []];
    let top = lo + k;
    for (let i = 0; i < k; i++) {
      const v = nodes[i] ?? 0;
      const s = side[i] ?? 0;
      if (s === 2) rank[v] = --top;
      else halves[s as 0 | 1].push(v);
    }
    stack.push({ nodes: Uint32Array.from(halves[0]), lo });
    stack.push({ nodes: Uint32Array.from(halves[1]), lo: lo + halves[0].length });
  }
  return rank;
}

function cutAlong(
  [dx, dy]: readonly [number, number],
  nodes: Uint32Array,
  x: Float64Array,
  y: Float64Array,
  graph: Adjacency,
  cellOf: Int32Array,
  indexInCell: Uint32Array,
  stamp: number,
): Cut {
  const k = nodes.length;
  const position = orderAlong(dx, dy, nodes, x, y);
  // Edges cut by each split point at once: split s puts positions < s first, so an edge is cut
  // by every s in (lower end, upper end]. A difference array counts them all in one pass.
  const cuts = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) {
    const v = nodes[i] ?? 0;
    const pv = position[i] ?? 0;
    for (let e = graph.offsets[v] ?? 0; e < (graph.offsets[v + 1] ?? 0); e++) {
      const u = graph.neighbours[e] ?? 0;
      if (cellOf[u] !== stamp) continue;
      const pu = position[indexInCell[u] ?? 0] ?? 0;
      if (pv >= pu) continue;
      cuts[pv + 1] = (cuts[pv + 1] ?? 0) + 1;
      cuts[pu + 1] = (cuts[pu + 1] ?? 0) - 1;
    }
  }
  // The split with the fewest cut edges for its balance, anywhere from a quarter to three
  // quarters: a railway or a river at 40 % beats a straight line through the middle of town.
  let split = k >> 1;
  let bestScore = Infinity;
  for (let s = 1, running = 0; s < k; s++) {
    running += cuts[s] ?? 0;
    if (4 * s < k || 4 * s > 3 * k) continue;
    const score = balanced(running, s, k);
    if (score < bestScore) {
      bestScore = score;
      split = s;
    }
  }
  const side = new Uint8Array(k);
  for (let i = 0; i < k; i++) side[i] = (position[i] ?? 0) < split ? 0 : 1;
  // The ends of the cut edges on either side; the smaller set covers every cut edge.
  const endsFirst: number[] = [];
  const endsSecond: number[] = [];
  const marked = new Uint8Array(k);
  for (let i = 0; i < k; i++) {
    if (side[i] !== 0) continue;
    const v = nodes[i] ?? 0;
    for (let e = graph.offsets[v] ?? 0; e < (graph.offsets[v + 1] ?? 0); e++) {
      const u = graph.neighbours[e] ?? 0;
      if (cellOf[u] !== stamp) continue;
      const j = indexInCell[u] ?? 0;
      if (side[j] !== 1) continue;
      if (((marked[i] ?? 0) & 1) === 0) {
        marked[i] = (marked[i] ?? 0) | 1;
        endsFirst.push(i);
      }
      if (((marked[j] ?? 0) & 2) === 0) {
        marked[j] = (marked[j] ?? 0) | 2;
        endsSecond.push(j);
      }
    }
  }
  const separator = endsFirst.length <= endsSecond.length ? endsFirst : endsSecond;
  for (const i of separator) side[i] = 2;
  return { side, score: balanced(separator.length, split, k) };
}

/** A cut's size weighed by its balance: equal to the size for halves, more when lopsided. */
function balanced(size: number, split: number, k: number): number {
  return (size * k * k) / (4 * split * (k - split));
}

/**
 * Each cell node's position in the order along a direction. A counting sort on the quantized
 * projection: exact order does not matter for a cut, speed does (this runs for every cell).
 */
function orderAlong(
  dx: number,
  dy: number,
  nodes: Uint32Array,
  x: Float64Array,
  y: Float64Array,
): Uint32Array {
  const k = nodes.length;
  const keys = new Float64Array(k);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < k; i++) {
    const v = nodes[i] ?? 0;
    const key = dx * (x[v] ?? 0) + dy * (y[v] ?? 0);
    keys[i] = key;
    if (key < min) min = key;
    if (key > max) max = key;
  }
  const buckets = Math.min(k, 1 << 16);
  const scale = max > min ? (buckets - 1) / (max - min) : 0;
  const bucketOf = new Uint32Array(k);
  const counts = new Uint32Array(buckets + 1);
  for (let i = 0; i < k; i++) {
    const b = Math.floor(((keys[i] ?? 0) - min) * scale);
    bucketOf[i] = b;
    counts[b + 1] = (counts[b + 1] ?? 0) + 1;
  }
  for (let b = 0; b < buckets; b++) counts[b + 1] = (counts[b + 1] ?? 0) + (counts[b] ?? 0);
  const position = new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    const b = bucketOf[i] ?? 0;
    position[i] = counts[b] ?? 0;
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return position;
}
