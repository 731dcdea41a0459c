import { describe, expect, it } from 'vitest';
import type { LonLat } from '../protocol/index.ts';
import { buildOsmRoads, onewayOf, parseMaxspeed, type OsmWay } from './osm-roads.ts';

const at: Record<number, LonLat> = { 1: [113.6, 34.7], 2: [113.61, 34.7], 3: [113.62, 34.7] };
const build = (ways: OsmWay[]) =>
  buildOsmRoads('t.osm', ways, (id) => at[id], [113, 34, 114, 35]).segments;

describe('OSM roads', () => {
  it('reads maxspeed in km/h and mph, and nothing from a zone name', () => {
    expect([parseMaxspeed('60'), parseMaxspeed('60 km/h'), parseMaxspeed('30 mph')]).toEqual([
      60,
      60,
      30 * 1.609344,
    ]);
    expect([parseMaxspeed('CN:urban'), parseMaxspeed('0'), parseMaxspeed(undefined)]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('knows one-ways said outright, against the way (-1), and implied by motorways and roundabouts', () => {
    expect(onewayOf({ highway: 'residential' })).toBe('both');
    expect(onewayOf({ highway: 'residential', oneway: 'yes' })).toBe('forward');
    expect(onewayOf({ highway: 'residential', oneway: '-1' })).toBe('backward');
    expect(onewayOf({ highway: 'motorway' })).toBe('forward');
    expect(onewayOf({ highway: 'motorway', oneway: 'no' })).toBe('both');
    expect(onewayOf({ highway: 'tertiary', junction: 'roundabout' })).toBe('forward');
  });

  it('draws a oneway=-1 street in its direction of travel, and cuts a way where another meets it', () => {
    const segments = build([
      { id: 1, refs: [1, 2, 3], tags: { highway: 'residential', oneway: '-1' } },
      { id: 2, refs: [2, 9], tags: { highway: 'service' } },
    ]);
    expect(segments.map((s) => [s.id, s.from, s.to, s.oneway])).toEqual([
      ['w1-0', 'o2', 'o1', true],
      ['w1-1', 'o3', 'o2', true],
    ]);
    expect(segments[0]?.geometry.coordinates).toEqual([at[2], at[1]]);
  });
});
