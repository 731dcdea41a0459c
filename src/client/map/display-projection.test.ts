import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { IDENTITY, shiftedProjection } from './display-projection.ts';
import type { LayerGroup } from './layer-group.ts';

// A toy datum: everything one degree east (the real one is GCJ-02, tested in shared/geo).
const east = shiftedProjection({
  crs: 'east',
  to: (lon, lat) => [lon + 1, lat],
  from: (lon, lat) => [lon - 1, lat],
  toArray: <T extends Float32Array | Float64Array>(xy: T): T => {
    const out = xy.slice() as T;
    for (let i = 0; i < out.length; i += 2) out[i] = (out[i] ?? 0) + 1;
    return out;
  },
});

describe('display projection', () => {
  it('shifts deck.gl position and path accessors, and says so in the update triggers', () => {
    const dots = new ScatterplotLayer<{ p: [number, number] }>({
      id: 'dots',
      data: [{ p: [113, 34] }],
      getPosition: (d) => d.p,
    });
    const shifted = east.deckLayer(dots).props as unknown as {
      getPosition: (d: unknown, i: unknown) => number[];
      updateTriggers: Record<string, unknown>;
    };
    expect(shifted.getPosition({ p: [113, 34] }, {})).toEqual([114, 34]);
    expect(JSON.stringify(shifted.updateTriggers.getPosition)).toContain('east');
    const path = new PathLayer<{ line: [number, number][] }>({
      id: 'path',
      data: [],
      getPath: (d) => d.line,
    });
    const p = east.deckLayer(path).props as unknown as {
      getPath: (d: unknown, i: unknown) => number[][];
    };
    expect(
      p.getPath(
        {
          line: [
            [1, 2],
            [3, 4],
          ],
        },
        {},
      ),
    ).toEqual([
      [2, 2],
      [4, 4],
    ]);
    expect(IDENTITY.deckLayer(dots)).toBe(dots);
  });

  it('shifts binary positions once per buffer and keeps the rest of the data', () => {
    const data = {
      length: 2,
      attributes: { getPosition: { value: new Float32Array([113, 34, 114, 35]), size: 2 } },
      objectAt: (i: number) => `member ${i}`,
    };
    const layer = new ScatterplotLayer({ id: 'grid', data });
    const a = east.deckLayer(layer).props.data as typeof data;
    expect([...a.attributes.getPosition.value]).toEqual([114, 34, 115, 35]);
    expect(a.objectAt(1)).toBe('member 1');
    // Same input, same output object: deck.gl does not upload it again.
    expect(east.deckLayer(layer).props.data).toBe(a);
  });

  it('shifts MapLibre groups, keeping their identity while the data is the same', () => {
    const g: LayerGroup = {
      id: 'g',
      layers: [],
      data: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'x' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [1, 1],
                  [2, 1],
                  [2, 2],
                  [1, 1],
                ],
              ],
            },
          },
        ],
      },
    };
    const s = east.group(g);
    expect(s.data.features[0]?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [2, 1],
          [3, 1],
          [3, 2],
          [2, 1],
        ],
      ],
    });
    expect(s.data.features[0]?.properties).toEqual({ name: 'x' });
    expect(east.group(g)).toBe(s);
    expect(east.fromDisplay(east.toDisplay([113.5, 34.5]))).toEqual([113.5, 34.5]);
  });
});
