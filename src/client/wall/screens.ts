/**
 * A tiled wall: the browser window spans `cols` × `rows` screens, and `bezel` window pixels lie
 * behind each inner seam (a bezel-compensated desktop keeps drawing there, nobody sees it).
 * The map runs on under the seams, so roads stay straight from one screen to the next; every
 * piece of text keeps to one screen.
 */
export interface WallGrid {
  cols: number;
  rows: number;
  bezel: number;
}

export const SINGLE_SCREEN: WallGrid = { cols: 1, rows: 1, bezel: 0 };

export const isTiled = (g: WallGrid) => g.cols * g.rows > 1;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The size of one screen in a window of `width` × `height`. */
export function cellSize(width: number, height: number, g: WallGrid): { w: number; h: number } {
  return {
    w: (width - (g.cols - 1) * g.bezel) / g.cols,
    h: (height - (g.rows - 1) * g.bezel) / g.rows,
  };
}

/** The window strips hidden behind the bezels (vertical seams first). */
export function seams(width: number, height: number, g: WallGrid): Rect[] {
  const cell = cellSize(width, height, g);
  return [
    ...Array.from({ length: g.cols - 1 }, (_, i) => ({
      x: (i + 1) * cell.w + i * g.bezel,
      y: 0,
      w: g.bezel,
      h: height,
    })),
    ...Array.from({ length: g.rows - 1 }, (_, i) => ({
      x: 0,
      y: (i + 1) * cell.h + i * g.bezel,
      w: width,
      h: g.bezel,
    })),
  ];
}

/** `items` cut into `parts` runs in order, the longer ones first (8 tiles on 3 screens: 3, 3, 2). */
export function chunk<T>(items: readonly T[], parts: number): T[][] {
  const n = Math.max(1, parts);
  const size = Math.floor(items.length / n);
  const extra = items.length % n;
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const take = size + (i < extra ? 1 : 0);
    out.push(items.slice(at, at + take));
    at += take;
  }
  return out;
}
