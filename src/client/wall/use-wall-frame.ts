import { useSyncExternalStore, type CSSProperties } from 'react';
import { cellSize, isTiled, type WallGrid } from './screens.ts';

const subscribe = (listener: () => void) => {
  window.addEventListener('resize', listener);
  return () => window.removeEventListener('resize', listener);
};
const windowSize = () => `${window.innerWidth}x${window.innerHeight}`;

/**
 * The wall's frame on a tiled wall: CSS variables that size everything by one screen (--u is a
 * hundredth of a screen's height, --uw of its width) and lay the grid along the seams.
 */
export function useWallFrame(grid: WallGrid): { tiled: boolean; style: CSSProperties | undefined } {
  const size = useSyncExternalStore(subscribe, windowSize);
  const tiled = isTiled(grid);
  if (!tiled) return { tiled, style: undefined };
  const [w = 0, h = 0] = size.split('x').map(Number);
  const cell = cellSize(w, h, grid);
  return {
    tiled,
    style: {
      '--cols': grid.cols,
      '--rows': grid.rows,
      '--bezel': `${grid.bezel}px`,
      '--u': `${cell.h / 100}px`,
      '--uw': `${cell.w / 100}px`,
      // The side column takes the last screen column; the map the others (all, on one column).
      '--map-cols': Math.max(1, grid.cols - 1),
      '--mid-col': grid.cols >= 3 ? 2 : grid.cols,
    } as CSSProperties,
  };
}
