import { describe, expect, it } from 'vitest';
import type { Station } from '../protocol/index.ts';
import {
  hydroFigures,
  hydroRanking,
  marginOverWarning,
  rainGrade,
  stationState,
} from './station-state.ts';

const base = {
  id: 'ST1',
  code: '41010001',
  name: '测站',
  position: [113.6, 34.7] as [number, number],
  countyCode: '410103',
  townshipCode: '410103001',
};
const gauge: Station = { ...base, kind: 'rain' };
const river: Station = { ...base, kind: 'river', levels: { warning: 100, guarantee: 101.5 } };
const street: Station = { ...base, kind: 'waterlogging', depthAlarmM: 0.27 };
const now = Date.parse('2026-07-20T09:00:00Z');
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const reading = (minutesAgo: number, r: object) => ({
  station: 'ST1',
  code: '41010001',
  lastAt: at(minutesAgo),
  ...r,
});

describe('station state on the map', () => {
  it('grades rain by the higher of its 1 h and 24 h national grades', () => {
    expect(rainGrade(0, 0)).toBeNull();
    expect(rainGrade(1.5, 9.9)).toBe('light');
    expect(rainGrade(16, 20)).toBe('storm');
    // A steady day's rain counts even when the last hour was light.
    expect(rainGrade(1, 120)).toBe('heavyStorm');
    expect(rainGrade(55, 60)).toBe('extreme');
    expect(stationState(gauge, reading(5, { rain1h: 0, rain24h: 0 }), now)).toEqual({
      kind: 'dry',
    });
  });

  it('says which characteristic level a water level stands over', () => {
    const state = (value: number) => stationState(river, reading(5, { value }), now);
    expect(state(99.9)).toEqual({ kind: 'level', over: 'normal' });
    expect(state(100)).toEqual({ kind: 'level', over: 'warning' });
    expect(state(101.6)).toEqual({ kind: 'level', over: 'guarantee' });
    expect(stationState(street, reading(5, { value: 0.3 }), now)).toEqual({
      kind: 'depth',
      over: true,
    });
    expect(marginOverWarning(river, reading(5, { value: 100.25 }))).toBe(0.25);
    expect(marginOverWarning(gauge, reading(5, { rain1h: 3 }))).toBeNull();
  });

  it('greys a station silent past the hourly report, with when it last spoke; none before any', () => {
    expect(stationState(river, reading(71, { value: 105 }), now)).toEqual({
      kind: 'stale',
      lastAt: at(71),
    });
    expect(stationState(river, reading(65, { value: 105 }), now).kind).toBe('level');
    expect(stationState(river, undefined, now)).toEqual({ kind: 'none' });
  });

  it('counts for the wall what is over its levels and the most rain in an hour, silent ones not', () => {
    const reservoir: Station = {
      ...base,
      id: 'ST4',
      kind: 'reservoir',
      levels: { floodLimit: 150 },
    };
    const figures = hydroFigures(
      [gauge, { ...gauge, id: 'ST2' }, river, { ...river, id: 'ST3' }, reservoir],
      new Map([
        ['ST1', reading(5, { rain1h: 24.5, rain24h: 60 })],
        // 80 mm, but two hours ago: not today's figure.
        ['ST2', reading(120, { rain1h: 80, rain24h: 90 })],
        ['ST3', reading(5, { value: 102 })],
        ['ST4', reading(5, { value: 150.2 })],
      ]),
      now,
    );
    expect(figures).toEqual({
      overWarning: 1,
      overGuarantee: 1,
      rivers: 2,
      overFloodLimit: 1,
      reservoirs: 1,
      maxRain1h: 24.5,
      heavyGauges: 1,
    });
  });

  it('ranks gauges by the last hour, levels by their margin over the mark, townships by their day', () => {
    const g2: Station = { ...gauge, id: 'ST2', townshipCode: '410103002' };
    const g3: Station = { ...gauge, id: 'ST3', townshipCode: '410103002' };
    const r1: Station = { ...river, id: 'ST4' };
    const r2: Station = { ...river, id: 'ST5', levels: { warning: 90, guarantee: 92 } };
    const ranking = hydroRanking(
      [gauge, g2, g3, r1, r2, street],
      new Map([
        ['ST1', reading(5, { rain1h: 12, rain24h: 40 })],
        ['ST2', reading(5, { rain1h: 30, rain24h: 50 })],
        ['ST3', reading(5, { rain1h: 2, rain24h: 70 })],
        ['ST4', reading(5, { value: 99.5 })],
        ['ST5', reading(5, { value: 90.4 })],
      ]),
      now,
    );
    expect(ranking.rain.map((r) => r.station.id)).toEqual(['ST2', 'ST1', 'ST3']);
    expect(ranking.margin.map((m) => [m.station.id, m.margin])).toEqual([
      ['ST5', 0.4],
      ['ST4', -0.5],
    ]);
    expect(ranking.townships).toEqual([
      { townshipCode: '410103002', rain24h: 60, gauges: 2 },
      { townshipCode: '410103001', rain24h: 40, gauges: 1 },
    ]);
  });
});
