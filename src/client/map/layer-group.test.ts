import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { diffGroups, type LayerGroup } from './layer-group.ts';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });
const group = (id: string, data = empty(), colour = '#fff'): LayerGroup => ({
  id,
  data,
  layers: [{ id: `${id}-line`, type: 'line', paint: { 'line-color': colour } }],
});

describe('diffGroups', () => {
  const a = group('a');
  const b = group('b');

  it.each([
    [
      'nothing changed',
      [a, b],
      [a, b],
      { removeGroups: [], addGroups: [], updateData: [], replaceLayers: [] },
    ],
    [
      'a group added',
      [a],
      [a, b],
      { removeGroups: [], addGroups: [b], updateData: [], replaceLayers: [] },
    ],
    [
      'a group removed',
      [a, b],
      [a],
      { removeGroups: ['b'], addGroups: [], updateData: [], replaceLayers: [] },
    ],
  ])('%s', (_name, prev, next, expected) => {
    expect(diffGroups(prev, next)).toEqual(expected);
  });

  it('uploads data only when the data object changes', () => {
    const a2 = { ...a, data: empty() };
    expect(diffGroups([a], [a2]).updateData).toEqual([a2]);
    expect(diffGroups([a], [{ ...a }]).updateData).toEqual([]);
  });

  it('replaces layers when their style changes, not when only the object is new', () => {
    const restyled = group('a', a.data, '#f00');
    expect(diffGroups([a], [restyled]).replaceLayers).toEqual([restyled]);
    expect(diffGroups([a], [group('a', a.data)]).replaceLayers).toEqual([]);
  });
});
