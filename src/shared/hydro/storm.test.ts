import { describe, expect, it } from 'vitest';
import { coreAt, intensity, pondedDepth, rainBetween, Runoff, stormOver } from './storm.ts';

const BOX = [113.5, 34.6, 113.8, 34.8] as const;
const start = Date.parse('2026-07-20T00:00:00Z');
const H = 3_600_000;

describe('the exercise storm', () => {
  const storm = stormOver(BOX, start, { hours: 8, peakMmH: 70 });

  it('is dry before and after its life, and heaviest near its core at the peak', () => {
    const mid = start + 4 * H;
    expect(intensity(storm, storm.centre, start - 1)).toBe(0);
    expect(intensity(storm, storm.centre, start + 8 * H + 1)).toBe(0);
    expect(intensity(storm, coreAt(storm, mid), mid)).toBeCloseTo(70 * 1.12, 3);
    const far: [number, number] = [storm.centre[0] + 0.5, storm.centre[1] - 0.5];
    expect(intensity(storm, far, mid)).toBeLessThan(1);
  });

  it('drifts north-east across the box: the west sees it before the east', () => {
    const west: [number, number] = [113.52, 34.66];
    const east: [number, number] = [113.78, 34.78];
    const peakAt = (p: [number, number]) => {
      let best = 0;
      let at = 0;
      for (let t = start; t < start + 8 * H; t += 300_000) {
        const i = intensity(storm, p, t);
        if (i > best) [best, at] = [i, t];
      }
      return at;
    };
    expect(peakAt(west)).toBeLessThan(peakAt(east));
    // A gauge under the path gets a storm's worth: over the 50 mm of 暴雨 in the day.
    expect(rainBetween(storm, storm.centre, start, start + 8 * H)).toBeGreaterThan(50);
  });

  it('lifts a river late and lets it fall slowly (linear reservoir with a lag)', () => {
    const runoff = new Runoff(3, 60);
    const storage: number[] = [];
    // 60 mm in the first hour, then nothing.
    for (let k = 1; k <= 72; k++)
      storage.push(runoff.step(start + k * 300_000, k <= 12 ? 5 : 0, 5));
    expect(storage[11]).toBe(0); // nothing yet within the lag
    const peak = Math.max(...storage);
    const peakStep = storage.indexOf(peak);
    expect(peakStep).toBeGreaterThan(12);
    expect(peakStep).toBeLessThan(30);
    expect(storage[71]).toBeLessThan(peak);
    expect(storage[71]).toBeGreaterThan(0);
  });

  it('ponds a low street only while rain beats the drains, and drains it after', () => {
    let depth = 0;
    for (let k = 0; k < 12; k++) depth = pondedDepth(depth, 20, 5);
    expect(depth).toBe(0);
    for (let k = 0; k < 12; k++) depth = pondedDepth(depth, 70, 5);
    expect(depth).toBeCloseTo(0.32, 2);
    for (let k = 0; k < 12; k++) depth = pondedDepth(depth, 0, 5);
    expect(depth).toBeCloseTo(0.17, 2);
  });
});
