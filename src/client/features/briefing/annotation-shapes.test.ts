import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { Annotation, MAX_ANNOTATION_POINTS } from '../../../shared/protocol/index.ts';
import { annotationFeatures, arrowHead, thin, toAnnotation } from './annotation-shapes.ts';

const line = (coordinates: number[][]) => ({
  geometry: { type: 'LineString' as const, coordinates },
});

describe('drawn shapes as annotations', () => {
  it('makes an arrow of a line, rounded to 0.1 m, and a valid protocol annotation', () => {
    const a = toAnnotation(
      'arrow',
      'red',
      line([
        [113.123456789, 34.5],
        [113.2, 34.6],
      ]),
      '',
    );
    expect(a).toMatchObject({
      kind: 'arrow',
      colour: 'red',
      path: [
        [113.123457, 34.5],
        [113.2, 34.6],
      ],
    });
    expect(Annotation.safeParse(a).success).toBe(true);
  });

  it('thins a long freehand stroke to what a saved line may hold, keeping its ends', () => {
    const wiggle = Array.from({ length: 5_000 }, (_, i) => [
      113.6 + i * 1e-5,
      34.7 + Math.sin(i / 40) * 1e-3,
    ]);
    const a = toAnnotation('freehand', 'blue', line(wiggle), '');
    if (a?.kind !== 'freehand') throw new Error('no freehand');
    expect(a.path.length).toBeLessThanOrEqual(MAX_ANNOTATION_POINTS);
    expect(a.path.length).toBeGreaterThan(20); // still a wiggle, not a straight line
    expect(a.path[0]).toEqual([113.6, 34.7]);
    expect(a.path[a.path.length - 1]?.[0]).toBeCloseTo(113.6 + 4_999e-5, 6);
    expect(
      thin([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('keeps a polygon’s corners without the closing repeat, a circle as centre and radius', () => {
    const ring = [
      [113.6, 34.7],
      [113.62, 34.7],
      [113.62, 34.72],
      [113.6, 34.7],
    ];
    expect(
      toAnnotation('polygon', 'orange', { geometry: { type: 'Polygon', coordinates: [ring] } }, ''),
    ).toMatchObject({ ring: ring.slice(0, 3) });
    const disc = turf.circle([113.6, 34.7], 0.5, { steps: 64 }).geometry;
    const c = toAnnotation('circle', 'yellow', { geometry: disc, radiusM: 500 }, '');
    if (c?.kind !== 'circle') throw new Error('no circle');
    expect(c.radiusM).toBe(500);
    expect(c.centre[0]).toBeCloseTo(113.6, 5);
    expect(c.centre[1]).toBeCloseTo(34.7, 5);
  });

  it('places a note only with words, and refuses a shape of the wrong kind', () => {
    const point = { geometry: { type: 'Point' as const, coordinates: [113.6, 34.7] } };
    expect(toAnnotation('text', 'white', point, '  集结点 ')).toMatchObject({ text: '集结点' });
    expect(toAnnotation('text', 'white', point, '   ')).toBeNull();
    expect(toAnnotation('arrow', 'red', point, '')).toBeNull();
  });

  it('points the arrow’s head along the last segment, at the tip', () => {
    const path: [number, number][] = [
      [113.6, 34.7],
      [113.61, 34.7],
    ]; // due east
    const head = arrowHead(path);
    const [tip, left, right] = head?.coordinates[0] ?? [];
    expect(tip).toEqual([113.61, 34.7]);
    // Both barbs lie behind (west of) the tip, one either side of the line.
    expect(left?.[0]).toBeLessThan(113.61);
    expect(right?.[0]).toBeLessThan(113.61);
    expect(((left?.[1] ?? 0) - 34.7) * ((right?.[1] ?? 0) - 34.7)).toBeLessThan(0);
    expect(
      arrowHead([
        [113.6, 34.7],
        [113.6, 34.7],
      ]),
    ).toBeNull();
  });

  it('draws everything but text as GeoJSON: the arrow as a line and a solid head', () => {
    const fc = annotationFeatures([
      {
        id: 'a',
        kind: 'arrow',
        colour: 'red',
        path: [
          [113.6, 34.7],
          [113.61, 34.7],
        ],
      },
      { id: 'c', kind: 'circle', colour: 'blue', centre: [113.6, 34.7], radiusM: 300 },
      { id: 't', kind: 'text', colour: 'white', at: [113.6, 34.7], text: 'x' },
    ]);
    expect(fc.features.map((f) => [f.geometry.type, f.properties?.fill as number])).toEqual([
      ['LineString', 0],
      ['Polygon', 255],
      ['Polygon', 50],
    ]);
  });
});
