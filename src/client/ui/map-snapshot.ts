import { currentMap } from '../map/current-map.ts';

/** The map canvas as a PNG (the map keeps its drawing buffer for exactly this). */
export function mapSnapshot(): string | null {
  return printableMap()?.toDataURL('image/png') ?? null;
}

/** A copy of the map as drawn, a dark map turned into its light negative for paper. */
export function printableMap(): HTMLCanvasElement | null {
  const canvas = currentMap()?.getCanvas();
  if (!canvas) return null;
  try {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(canvas, 0, 0);
    // The wall's dark theme wastes toner and reads badly on paper: a dark map is printed as its
    // light negative, hues turned back (red stays red, green stays green), lightness inverted.
    const [r = 0, g = 0, b = 0] = ctx.getImageData(2, 2, 1, 1).data;
    if (0.2126 * r + 0.7152 * g + 0.0722 * b < 80) {
      ctx.filter = 'invert(1) hue-rotate(180deg)';
      ctx.drawImage(canvas, 0, 0);
    }
    return copy;
  } catch {
    return null;
  }
}
