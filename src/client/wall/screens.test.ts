import { describe, expect, it } from 'vitest';
import { cellSize, chunk, seams } from './screens.ts';

describe('tiled wall geometry', () => {
  it('splits the window into screens with the bezels between them', () => {
    // 3 × 2 screens of 1920 × 1080 with 40 compensated pixels at each seam.
    const g = { cols: 3, rows: 2, bezel: 40 };
    const [w, h] = [3 * 1920 + 2 * 40, 2 * 1080 + 40];
    expect(cellSize(w, h, g)).toEqual({ w: 1920, h: 1080 });
    expect(seams(w, h, g)).toEqual([
      { x: 1920, y: 0, w: 40, h },
      { x: 3880, y: 0, w: 40, h },
      { x: 0, y: 1080, w, h: 40 },
    ]);
    expect(seams(1920, 1080, { cols: 1, rows: 1, bezel: 0 })).toEqual([]);
  });

  it('deals tiles out to screens in order, the longer runs first', () => {
    expect(chunk([1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
    expect(chunk([1, 2], 3)).toEqual([[1], [2], []]);
    expect(chunk([1, 2, 3], 1)).toEqual([[1, 2, 3]]);
  });
});
