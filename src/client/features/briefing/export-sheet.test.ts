import { describe, expect, it } from 'vitest';
import { metresPerCssPixel, scaleBar, scaleLabel, sheetPixels } from './export-sheet.ts';

describe('export sheet measures', () => {
  it('sizes landscape A4 and A3 at 150 dpi', () => {
    expect(sheetPixels('A4')).toEqual([1754, 1240]);
    expect(sheetPixels('A3')).toEqual([2480, 1754]);
  });

  it('picks a round scale bar length no longer than allowed', () => {
    // 7.85 m a pixel, at most 300 px: 2,355 m fit, so 2 km (255 px).
    const bar = scaleBar(7.85, 300);
    expect(bar.metres).toBe(2_000);
    expect(bar.px).toBeCloseTo(254.8, 1);
    expect(scaleBar(1, 120).metres).toBe(100);
    expect(scaleBar(1, 99).metres).toBe(50);
    expect(scaleBar(0.3, 400).metres).toBe(100);
    expect(scaleLabel(2_000)).toBe('2 km');
    expect(scaleLabel(500)).toBe('500 m');
  });

  it('knows the ground size of a pixel (MapLibre’s 512-pixel world)', () => {
    expect(metresPerCssPixel(0, 0)).toBeCloseTo(78_271.5, 0);
    // Zhengzhou at zoom 13: about 7.85 m a pixel.
    expect(metresPerCssPixel(34.72, 13)).toBeCloseTo(7.85, 2);
  });
});
