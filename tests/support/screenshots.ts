import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ROOT } from './gateway.ts';

/** Screenshots land here for a person to look at (CI keeps the folder as an artifact). */
export const SHOT_DIR = join(ROOT, 'test-results', 'screenshots');

export function shotPath(name: string): string {
  mkdirSync(SHOT_DIR, { recursive: true });
  return join(SHOT_DIR, `${name}.png`);
}

/** Pixels within `tolerance` (per channel) of an RGB colour. */
export function countColour(png: Buffer, rgb: [number, number, number], tolerance = 24): number {
  const img = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    if (
      Math.abs((img.data[i] ?? 0) - rgb[0]) <= tolerance &&
      Math.abs((img.data[i + 1] ?? 0) - rgb[1]) <= tolerance &&
      Math.abs((img.data[i + 2] ?? 0) - rgb[2]) <= tolerance
    ) {
      n++;
    }
  }
  return n;
}

/** How many distinct colours (quantised to 4 bits a channel) a screenshot has: ~1 means blank. */
export function distinctColours(png: Buffer): number {
  const img = PNG.sync.read(png);
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) {
    seen.add(
      (((img.data[i] ?? 0) >> 4) << 8) |
        (((img.data[i + 1] ?? 0) >> 4) << 4) |
        ((img.data[i + 2] ?? 0) >> 4),
    );
  }
  return seen.size;
}
