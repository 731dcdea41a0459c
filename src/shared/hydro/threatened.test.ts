import { describe, expect, it } from 'vitest';
import { area } from '../import/test-jurisdiction.ts';
import type { River, Station } from '../protocol/index.ts';
import { ThreatMap } from './threatened.ts';

// A row of villages 1.1 km wide along a river flowing west to east at 34.70°N.
const villages = Array.from({ length: 12 }, (_, i) =>
  area(`4101030010${i + 10}`, `村${i}`, [113.5 + i * 0.012, 34.69, 113.512 + i * 0.012, 34.71]),
);
// And one far north of the river.
const north = { ...area('410103001099', '北村', [113.55, 34.8, 113.56, 34.81]) };
const river: River = {
  id: 'R1',
  name: '示例河',
  approximate: true,
  geometry: {
    type: 'LineString',
    coordinates: [
      [113.49, 34.7],
      [113.66, 34.7],
    ],
  },
};
const station = (over: Partial<Station>): Station => ({
  id: 'ST1',
  code: '41010001',
  name: '测站',
  kind: 'river',
  position: [113.53, 34.7],
  countyCode: '410103',
  townshipCode: '410103001',
  water: '示例河',
  levels: { warning: 100, guarantee: 101 },
  ...over,
});

describe('threatened villages', () => {
  const map = new ThreatMap([...villages, north], [river]);

  it('names the villages downstream of a river station along the channel, not upstream', () => {
    const named = map.villagesFor(station({}), 'level');
    const xs = named.map((c) => villages.find((v) => v.code === c)?.seat[0] ?? 0);
    expect(named.length).toBeGreaterThan(5);
    // Everything named lies at or below the station (villages touching it included), within 10 km.
    expect(Math.min(...xs)).toBeGreaterThan(113.51);
    expect(Math.max(...xs)).toBeLessThan(113.53 + 10 / 91.5 + 0.012);
    expect(named).not.toContain(villages[0]?.code);
    expect(named).not.toContain(north.code);
  });

  it("names the gauge's indexed villages for rain, the village itself for its index, the community for a sensor", () => {
    const gauge = station({
      kind: 'rain',
      levels: undefined,
      watches: [
        {
          villageCode: north.code,
          hazard: 'flash_flood',
          prepare: { h1: 30 },
          evacuate: { h1: 50 },
        },
      ],
    });
    expect(map.villagesFor(gauge, 'rain')).toEqual([north.code]);
    expect(map.villagesFor(gauge, 'village', north.code)).toEqual([north.code]);
    const sensor = station({ kind: 'waterlogging', position: [113.5555, 34.805] });
    expect(map.villagesFor(sensor, 'depth')).toEqual([north.code]);
  });

  it('falls back to the villages around a reservoir off every river', () => {
    const dam = station({ kind: 'reservoir', water: '某水库', position: [113.555, 34.805] });
    expect(map.villagesFor(dam, 'level')).toEqual([north.code]);
  });
});
