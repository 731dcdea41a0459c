import type { LegendBlock } from '../../ui/map-key.tsx';
import { LOCAL_FONTS } from '../../map/fonts.ts';

export type Paper = 'A4' | 'A3';

/** Landscape page sizes in millimetres. */
export const PAPER_MM: Record<Paper, [number, number]> = { A4: [297, 210], A3: [420, 297] };
/** Print resolution of the composed sheet: enough for a map read at arm's length. */
const DPI = 150;

/** Pixel size of a landscape sheet at the print resolution. */
export function sheetPixels(paper: Paper): [number, number] {
  const [w, h] = PAPER_MM[paper];
  return [Math.round((w / 25.4) * DPI), Math.round((h / 25.4) * DPI)];
}

/**
 * A scale bar of a round length (1, 2 or 5 × 10ⁿ m) at most `maxPx` long, for a map drawn at
 * `metresPerPx`.
 */
export function scaleBar(metresPerPx: number, maxPx: number): { metres: number; px: number } {
  const most = metresPerPx * maxPx;
  const decade = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((k) => k * decade).find((m) => m <= most) ?? decade;
  return { metres, px: metres / metresPerPx };
}

export const scaleLabel = (metres: number): string =>
  metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;

/** Ground metres per CSS pixel at a latitude and zoom (MapLibre's 512-pixel world). */
export const metresPerCssPixel = (lat: number, zoom: number): number =>
  (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);

/** Everything printed beside the map, already in the reader's language. */
export interface SheetText {
  title: string;
  scenario: string;
  time: string;
  legend: readonly LegendBlock[];
  filters: readonly string[];
  freshness: { text: string; stale: boolean };
  footer: string;
  /** 演练 · EXERCISE over the whole page when the data is exercise data. */
  watermark: string | null;
  labels: { legend: string; filters: string; noFilters: string; data: string; north: string };
}

export interface SheetMap {
  image: HTMLCanvasElement;
  /** Ground metres per pixel of `image`. */
  metresPerPixel: number;
  /** Degrees the map is turned (north arrow points this far left of up). */
  bearing: number;
}

const INK = '#0f172a';
const MUTED = '#475569';
const font = (px: number, weight = 400) => `${weight} ${Math.round(px)}px ${LOCAL_FONTS}`;

const CLOSING = '）)，。、：；！？」』%';

/** Lines of `text` no wider than `width` (CJK text breaks anywhere, so break by character). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    // Closing punctuation never starts a line (the CJK rule 避头点).
    if (line && !CLOSING.includes(ch) && ctx.measureText(line + ch).width > width) {
      lines.push(line);
      line = ch.trimStart();
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The current view as a printable landscape sheet: title, scenario and time across the top;
 * the map with its scale bar and north arrow; legend, filters and data freshness beside it; the
 * honest-data footer; the exercise watermark over all.
 */
export function composeSheet(paper: Paper, map: SheetMap | null, text: SheetText) {
  const [W, H] = sheetPixels(paper);
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const u = H / 100; // one hundredth of the page height: every size below is in these
  const margin = 4 * u;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);

  // Header: title left, scenario and time right, a rule under them.
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(5 * u, 700);
  ctx.textAlign = 'left';
  ctx.fillText(text.title, margin, margin + 5 * u, W * 0.6);
  ctx.font = font(2.4 * u);
  ctx.textAlign = 'right';
  ctx.fillText(text.scenario, W - margin, margin + 2.2 * u);
  ctx.fillText(text.time, W - margin, margin + 5.2 * u);
  ctx.fillRect(margin, margin + 7 * u, W - 2 * margin, 0.25 * u);

  // The map, fitted into its box without distortion.
  const side = W * 0.24;
  const box = { x: margin, y: margin + 9 * u, w: W - 3 * margin - side, h: H - 19 * u };
  ctx.strokeStyle = INK;
  ctx.lineWidth = 0.2 * u;
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  if (map) {
    const k = Math.min(box.w / map.image.width, box.h / map.image.height);
    const w = map.image.width * k;
    const h = map.image.height * k;
    const x = box.x + (box.w - w) / 2;
    const y = box.y + (box.h - h) / 2;
    ctx.drawImage(map.image, x, y, w, h);
    drawScaleBar(ctx, map.metresPerPixel / k, x + 2 * u, y + h - 2 * u, w * 0.25, u);
    drawNorthArrow(ctx, x + w - 6 * u, y + 6 * u, u, map.bearing, text.labels.north);
  }

  // Beside the map: legend, filters, freshness.
  let y = box.y + 2.5 * u;
  const x0 = W - margin - side;
  const heading = (s: string) => {
    ctx.font = font(2.6 * u, 700);
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    ctx.fillText(s, x0, y);
    y += 3.4 * u;
  };
  const line = (s: string, colour = INK, size = 2) => {
    ctx.font = font(size * u);
    ctx.fillStyle = colour;
    for (const l of wrap(ctx, s, side)) {
      ctx.fillText(l, x0, y);
      y += size * 1.35 * u;
    }
  };
  heading(text.labels.legend);
  for (const block of text.legend) {
    line(block.title, INK, 2.1);
    for (const item of block.items) {
      ctx.fillStyle = item.colour;
      ctx.beginPath();
      ctx.arc(x0 + 1.4 * u, y - 0.6 * u, 0.8 * u, 0, 2 * Math.PI);
      ctx.fill();
      ctx.font = font(1.7 * u);
      ctx.fillStyle = MUTED;
      ctx.fillText(item.label, x0 + 3 * u, y);
      y += 2.2 * u;
    }
    y += 0.6 * u;
  }
  y += 1.5 * u;
  heading(text.labels.filters);
  if (text.filters.length === 0) line(text.labels.noFilters, MUTED, 1.8);
  for (const f of text.filters) line(f, MUTED, 1.8);
  y += 1.5 * u;
  heading(text.labels.data);
  line(text.freshness.text, text.freshness.stale ? '#dc2626' : INK, 1.9);

  // Footer: where the data comes from (synthetic, and said so).
  ctx.font = font(1.7 * u);
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'left';
  ctx.fillText(text.footer, margin, H - margin + 1.2 * u, W - 2 * margin);

  if (text.watermark) drawWatermark(ctx, W, H, u, text.watermark);
  return canvas;
}

function drawScaleBar(
  ctx: CanvasRenderingContext2D,
  metresPerPx: number,
  x: number,
  y: number,
  maxPx: number,
  u: number,
) {
  const bar = scaleBar(metresPerPx, maxPx);
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - u, y - 4 * u, bar.px + 2 * u, 5.2 * u);
  ctx.fillStyle = INK;
  // Half black, half white: the classic bar reads on any background.
  ctx.fillRect(x, y - 0.8 * u, bar.px / 2, 0.8 * u);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 0.15 * u;
  ctx.strokeRect(x, y - 0.8 * u, bar.px, 0.8 * u);
  ctx.font = font(1.8 * u, 700);
  ctx.textAlign = 'left';
  ctx.fillText('0', x, y - 1.4 * u);
  ctx.textAlign = 'right';
  ctx.fillText(scaleLabel(bar.metres), x + bar.px, y - 1.4 * u);
}

/** An arrow with 北/N at its tip, turned with the map. */
function drawNorthArrow(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  u: number,
  bearing: number,
  label: string,
) {
  ctx.save();
  ctx.translate(x, y);
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.arc(0, 0, 5 * u, 0, 2 * Math.PI);
  ctx.fill();
  ctx.rotate((-bearing * Math.PI) / 180);
  ctx.fillStyle = INK;
  ctx.strokeStyle = INK;
  ctx.lineWidth = 0.2 * u;
  // The east half solid, the west half outlined.
  ctx.beginPath();
  ctx.moveTo(0, -1.4 * u);
  ctx.lineTo(1.5 * u, 3.8 * u);
  ctx.lineTo(0, 2.8 * u);
  ctx.closePath();
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(0, -1.4 * u);
  ctx.lineTo(-1.5 * u, 3.8 * u);
  ctx.lineTo(0, 2.8 * u);
  ctx.closePath();
  ctx.stroke();
  ctx.font = font(2 * u, 700);
  ctx.textAlign = 'center';
  ctx.fillText(label, 0, -2 * u);
  ctx.restore();
}

function drawWatermark(ctx: CanvasRenderingContext2D, W: number, H: number, u: number, s: string) {
  ctx.save();
  ctx.fillStyle = 'rgba(220, 38, 38, 0.14)';
  ctx.font = font(9 * u, 900);
  ctx.textAlign = 'center';
  ctx.translate(W / 2, H / 2);
  ctx.rotate((-20 * Math.PI) / 180);
  for (let row = -2; row <= 2; row++) ctx.fillText(s, (row % 2) * 20 * u, row * 24 * u);
  ctx.restore();
}
