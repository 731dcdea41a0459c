import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { GcjGrid, gcjToWgs, wgsToGcj } from './gcj02.ts';

const metres = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(
    ((a[0] ?? 0) - (b[0] ?? 0)) * 111_320 * Math.cos(((a[1] ?? 0) * Math.PI) / 180),
    ((a[1] ?? 0) - (b[1] ?? 0)) * 110_574,
  );

describe('GCJ-02', () => {
  it('matches the published reference pair (coordtransform’s README, Beijing)', () => {
    // wgs84togcj02(116.404, 39.915) → [116.41024449916938, 39.91640428150164]
    const g = wgsToGcj([116.404, 39.915]);
    expect(g[0]).toBeCloseTo(116.41024449916938, 9);
    expect(g[1]).toBeCloseTo(39.91640428150164, 9);
    // gcj02towgs84(116.404, 39.915) → [116.39775550083061, 39.91359571849836] (the one-step
    // inverse); gcoord iterates to a finer inverse, within a metre of it.
    expect(
      metres(gcjToWgs([116.404, 39.915]), [116.39775550083061, 39.91359571849836]),
    ).toBeLessThan(1);
  });

  it('shifts Kaifeng by hundreds of metres and comes back within a centimetre', () => {
    const p: [number, number] = [114.35, 34.8];
    const g = wgsToGcj(p);
    expect(metres(p, g)).toBeGreaterThan(300);
    expect(metres(p, gcjToWgs(g))).toBeLessThan(0.01);
  });

  it('interpolates the offset on a 0.01° grid to within 20 cm of the exact formula (float32 positions alone are 0.7 m)', () => {
    const grid = new GcjGrid([113.4, 34.3, 114.9, 35.1]);
    const rng = new Rng('gcj-grid');
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const p: [number, number] = [113.4 + rng.next() * 1.5, 34.3 + rng.next() * 0.8];
      worst = Math.max(worst, metres(grid.toGcj(p[0], p[1]), wgsToGcj(p)));
    }
    expect(worst).toBeLessThan(0.2);
    // Outside the grid: the exact formula.
    expect(grid.toGcj(116.404, 39.915)).toEqual(wgsToGcj([116.404, 39.915]));
    const arr = grid.toGcjArray(new Float64Array([114, 34.5, 114.2, 34.9]));
    expect(metres([arr[0] ?? 0, arr[1] ?? 0], wgsToGcj([114, 34.5]))).toBeLessThan(0.2);
  });
});
