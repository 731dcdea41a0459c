import { NO_ARC, type CchTopology } from './topology.ts';

/** `via` of an arc no input arc and no triangle gives a finite weight. */
export const NO_WAY = -1;

/**
 * Travel times on a hierarchy: each arc's weight up (tail → head) and down (head → tail), and how
 * it was reached — an input arc (`via` ≤ -2, the arc is `-via - 2`) or a shortcut through a
 * lower middle rank (`via` ≥ 0).
 *
 * Customization is the classic bottom-up pass over lower triangles: for every rank x, every pair
 * of its upper neighbours a < b is joined by an arc (the topology is chordal), and the way a → x
 * → b may beat it. Each arc is final once every rank below its tail is done, so one pass in rank
 * order is exact for any weights, including closed roads (Infinity): no witness search, nothing
 * to rebuild.
 */
export class CchMetric {
  readonly up: Float64Array;
  readonly down: Float64Array;
  readonly upVia: Int32Array;
  readonly downVia: Int32Array;

  constructor(
    readonly topology: CchTopology,
    /** Seconds per input arc (Infinity: closed). */
    inputSeconds: Float64Array,
  ) {
    const m = topology.arcCount;
    this.up = new Float64Array(m).fill(Infinity);
    this.down = new Float64Array(m).fill(Infinity);
    this.upVia = new Int32Array(m).fill(NO_WAY);
    this.downVia = new Int32Array(m).fill(NO_WAY);
    for (let i = 0; i < inputSeconds.length; i++) {
      const w = inputSeconds[i] ?? Infinity;
      const arc = topology.arcOfInput[i] ?? NO_ARC;
      if (arc === NO_ARC) continue;
      const [weights, via] = topology.inputRunsUp[i]
        ? [this.up, this.upVia]
        : [this.down, this.downVia];
      if (w < (weights[arc] ?? Infinity)) {
        weights[arc] = w;
        via[arc] = -i - 2;
      }
    }
    this.customize();
  }

  private customize(): void {
    const { first, head } = this.topology;
    const { up, down, upVia, downVia } = this;
    const n = this.topology.nodeCount;
    for (let x = 0; x < n; x++) {
      const end = first[x + 1] ?? 0;
      for (let i = first[x] ?? 0; i < end - 1; i++) {
        const toX = down[i] ?? Infinity; // a → x
        const fromX = up[i] ?? Infinity; // x → a
        if (toX === Infinity && fromX === Infinity) continue;
        const a = head[i] ?? 0;
        // The arcs a → b for the later upper neighbours b of x, found by one forward scan of a's
        // (sorted) arcs from the first of them.
        let p = this.topology.arc(a, head[i + 1] ?? 0);
        for (let j = i + 1; j < end; j++) {
          const b = head[j] ?? 0;
          while (head[p] !== b) p++;
          const ab = toX + (up[j] ?? Infinity);
          if (ab < (up[p] ?? Infinity)) {
            up[p] = ab;
            upVia[p] = x;
          }
          const ba = (down[j] ?? Infinity) + fromX;
          if (ba < (down[p] ?? Infinity)) {
            down[p] = ba;
            downVia[p] = x;
          }
        }
      }
    }
  }
}
