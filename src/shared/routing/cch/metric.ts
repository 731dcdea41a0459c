import FlatQueue from 'flatqueue';
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
    /**
     * A metric of the same topology these seconds differ from only by `raised` input arcs (made
     * slower or closed, never faster): only the arcs whose way used them are computed again.
     */
    from?: { base: CchMetric; raised: readonly number[] },
  ) {
    if (from) {
      this.up = from.base.up.slice();
      this.down = from.base.down.slice();
      this.upVia = from.base.upVia.slice();
      this.downVia = from.base.downVia.slice();
      this.recustomize(inputSeconds, from.raised);
      return;
    }
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

  /**
   * Becomes `base` re-weighted for other closures (as the constructor's `from`), in place: a
   * flood plan re-weighted every few minutes then costs a copy into arrays it has, not 80 MB of
   * new ones for the collector to reclaim (a full collection of a gateway's heap is 200 ms).
   * Whoever queries this metric must be done with its previous weights.
   */
  refit(base: CchMetric, inputSeconds: Float64Array, raised: readonly number[]): void {
    if (base.topology !== this.topology) throw new Error('refit: another topology');
    this.up.set(base.up);
    this.down.set(base.down);
    this.upVia.set(base.upVia);
    this.downVia.set(base.downVia);
    this.recustomize(inputSeconds, raised);
  }

  private scratch: { dirty: Uint8Array; queued: Uint8Array } | null = null;

  /**
   * Partial customization after some input arcs got slower: an arc direction whose way ran over
   * one of them is computed again from its input arcs and all its lower triangles; if its weight
   * rose, the arcs whose way went through it (their `via` is its tail) follow. Ranks are taken
   * lowest first, so every arc is recomputed from final lower arcs — the same weights as a full
   * customization (tested), at the cost of what the closures touch.
   */
  private recustomize(inputSeconds: Float64Array, raised: readonly number[]): void {
    const t = this.topology;
    const { first, head, tail } = t;
    const lower = t.lowerArcs();
    const inputs = t.inputArcs();
    const { up, down, upVia, downVia } = this;
    // Bit 1: the up direction needs computing again, bit 2: the down direction.
    // Both are all zeros between calls: every mark is cleared when its rank is taken.
    this.scratch ??= { dirty: new Uint8Array(t.arcCount), queued: new Uint8Array(t.nodeCount) };
    const { dirty, queued } = this.scratch;
    const ranks = new FlatQueue<number>();
    const mark = (arc: number, bit: 1 | 2) => {
      if ((dirty[arc] ?? 0) & bit) return;
      dirty[arc] = (dirty[arc] ?? 0) | bit;
      const r = tail[arc] ?? 0;
      if (!queued[r]) {
        queued[r] = 1;
        ranks.push(r, r);
      }
    };
    for (const i of raised) {
      const arc = t.arcOfInput[i] ?? NO_ARC;
      if (arc === NO_ARC) continue;
      if (t.inputRunsUp[i]) {
        if (upVia[arc] === -i - 2) mark(arc, 1);
      } else if (downVia[arc] === -i - 2) mark(arc, 2);
    }
    while (ranks.length > 0) {
      const x = ranks.pop() ?? 0;
      queued[x] = 0;
      for (let p = first[x] ?? 0; p < (first[x + 1] ?? 0); p++) {
        const bits = dirty[p] ?? 0;
        if (!bits) continue;
        const b = head[p] ?? 0;
        // From the input arcs on it…
        let bestUp = Infinity;
        let bestDown = Infinity;
        let viaUp = NO_WAY;
        let viaDown = NO_WAY;
        for (let k = inputs.first[p] ?? 0; k < (inputs.first[p + 1] ?? 0); k++) {
          const i = inputs.list[k] ?? 0;
          const w = inputSeconds[i] ?? Infinity;
          if (t.inputRunsUp[i] ? w < bestUp : w < bestDown)
            if (t.inputRunsUp[i]) [bestUp, viaUp] = [w, -i - 2];
            else [bestDown, viaDown] = [w, -i - 2];
        }
        // …and every lower triangle: the tails z of arcs into both x and b.
        let i = lower.first[x] ?? 0;
        let j = lower.first[b] ?? 0;
        const iEnd = lower.first[x + 1] ?? 0;
        const jEnd = lower.first[b + 1] ?? 0;
        while (i < iEnd && j < jEnd) {
          const zx = lower.arcs[i] ?? 0;
          const zb = lower.arcs[j] ?? 0;
          const z1 = tail[zx] ?? 0;
          const z2 = tail[zb] ?? 0;
          if (z1 < z2) i++;
          else if (z2 < z1) j++;
          else {
            const u = (down[zx] ?? Infinity) + (up[zb] ?? Infinity); // x → z → b
            if (u < bestUp) [bestUp, viaUp] = [u, z1];
            const d = (down[zb] ?? Infinity) + (up[zx] ?? Infinity); // b → z → x
            if (d < bestDown) [bestDown, viaDown] = [d, z1];
            i++;
            j++;
          }
        }
        dirty[p] = 0;
        const upRose = bits & 1 && bestUp > (up[p] ?? Infinity);
        const downRose = bits & 2 && bestDown > (down[p] ?? Infinity);
        if (bits & 1) [up[p], upVia[p]] = [bestUp, viaUp];
        if (bits & 2) [down[p], downVia[p]] = [bestDown, viaDown];
        if (!upRose && !downRose) continue;
        // Arcs between b and x's other upper neighbours c went through x: x → b is `up[p]`,
        // b → x is `down[p]` (see customize for which weight each triangle uses).
        for (let q = first[x] ?? 0; q < (first[x + 1] ?? 0); q++) {
          if (q === p) continue;
          const c = head[q] ?? 0;
          const [lo, hi] = c < b ? [c, b] : [b, c];
          const arc = t.arc(lo, hi);
          const bIsLow = b < c;
          // b → c (b low: up of (b, c); b high: down of (c, b)) uses b → x;
          // c → b (b low: down of (b, c); b high: up of (c, b)) uses x → b.
          if (downRose) {
            if (bIsLow ? upVia[arc] === x : downVia[arc] === x) mark(arc, bIsLow ? 1 : 2);
          }
          if (upRose) {
            if (bIsLow ? downVia[arc] === x : upVia[arc] === x) mark(arc, bIsLow ? 2 : 1);
          }
        }
      }
    }
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
