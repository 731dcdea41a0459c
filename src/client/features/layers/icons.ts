import { RiskPointType, SeverityLevel } from '../../../shared/protocol/index.ts';
import { LEVEL_COLOUR } from './palette.ts';

/** One character per risk-point type, drawn in the icon: readable at a glance, no sprite files. */
export const RISK_GLYPH: Record<RiskPointType, string> = {
  waterlogging_spot: '涝',
  river_dike_section: '堤',
  underground_space: '隧',
  bridge_culvert: '桥',
  landslide_slope: '坡',
  dangerous_building: '房',
  hazchem_site: '化',
  reservoir_pond: '塘',
  construction_pit: '坑',
};

const SIZE = 56; // drawn at 2× for crisp icons on the wall

function canvas(): [OffscreenCanvasRenderingContext2D, () => ImageData] {
  const c = new OffscreenCanvas(SIZE, SIZE);
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas for icons');
  return [ctx, () => ctx.getImageData(0, 0, SIZE, SIZE)];
}

function glyph(ctx: OffscreenCanvasRenderingContext2D, text: string, colour: string) {
  ctx.fillStyle = colour;
  ctx.font = `bold ${SIZE * 0.5}px "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, SIZE / 2, SIZE / 2 + 1);
}

/** `risk-<type>-<level>`: a level-coloured disc with the type's character. */
export function riskIcons(): Record<string, ImageData> {
  const out: Record<string, ImageData> = {};
  for (const type of RiskPointType.options) {
    for (const level of SeverityLevel.options) {
      const [ctx, done] = canvas();
      ctx.beginPath();
      ctx.arc(SIZE / 2, SIZE / 2, SIZE / 2 - 3, 0, Math.PI * 2);
      ctx.fillStyle = LEVEL_COLOUR[level];
      ctx.fill();
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#0b1526';
      ctx.stroke();
      glyph(ctx, RISK_GLYPH[type], level === 'III' ? '#111827' : '#ffffff');
      out[`risk-${type}-${level}`] = done();
    }
  }
  return out;
}

/** The depot mark: a white tile with 库. */
export function facilityIcons(): Record<string, ImageData> {
  const out: Record<string, ImageData> = {};
  const marks: [string, string][] = [['depot', '库']];
  for (const [name, text] of marks) {
    const [ctx, done] = canvas();
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.roundRect(4, 4, SIZE - 8, SIZE - 8, 10);
    ctx.fill();
    glyph(ctx, text, '#0b1526');
    out[`mark-${name}`] = done();
  }
  return out;
}
