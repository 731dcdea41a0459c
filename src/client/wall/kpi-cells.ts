import type { CSSProperties } from 'react';
import type { Scene } from './scenes.ts';
import { chunk, isTiled, type WallGrid } from './screens.ts';
import type { Kpi } from './wall-kpis.ts';

export interface KpiCell {
  tiles: Kpi[];
  /** The incidents scene's list goes in this cell. */
  list: boolean;
  className: string;
  style: CSSProperties | undefined;
}

/**
 * Where the KPI tiles go. One screen: a side column (or the whole map area, on the KPI board).
 * A tiled wall: one group per screen — down the last screen column, or over every screen on the
 * board — so no tile is cut by a bezel.
 */
export function layoutKpis(kpis: readonly Kpi[], grid: WallGrid, scene: Scene): KpiCell[] {
  if (!isTiled(grid))
    return [{ tiles: [...kpis], list: true, className: 'wall-kpis', style: undefined }];
  const cells = scene.board
    ? chunk(kpis, grid.cols * grid.rows).map((tiles, i) => ({
        tiles,
        row: Math.floor(i / grid.cols),
        col: i % grid.cols,
      }))
    : chunk(kpis, grid.rows).map((tiles, row) => ({ tiles, row, col: grid.cols - 1 }));
  return cells.map((c, i) => ({
    tiles: c.tiles,
    list: i === cells.length - 1,
    className: [
      'wall-kpis cell',
      c.row === 0 ? 'top' : '',
      c.row === grid.rows - 1 ? 'bottom' : '',
      !scene.board && grid.cols === 1 ? 'narrow' : '',
    ]
      .filter(Boolean)
      .join(' '),
    style: { gridRow: c.row + 1, gridColumn: c.col + 1 },
  }));
}
