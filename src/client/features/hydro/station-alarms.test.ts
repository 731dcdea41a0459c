import { describe, expect, it } from 'vitest';
import type { Firing } from '../../../shared/protocol/index.ts';
import { byStation } from './station-alarms.ts';

const firing = (id: string, station: string, over: Partial<Firing>): Firing => ({
  id,
  status: 'open',
  rule: 'rain-short',
  ruleName: '短时强降水',
  ruleKind: 'rain',
  level: 'info',
  station,
  stationCode: '41010001',
  stationName: station,
  stationKind: 'rain',
  position: [113.6, 34.7],
  countyCode: '410103',
  townshipCode: '410103001',
  villages: [],
  value: 25,
  threshold: 20,
  unit: 'mm',
  trend: 25,
  openedAt: '2026-07-20T08:00:00Z',
  ...over,
});

describe('the firing board', () => {
  it('gives each station one row, the loudest station first, its loudest firing speaking for it', () => {
    const rows = byStation([
      firing('a1', 'A', {}),
      firing('b1', 'B', {
        level: 'orange',
        villages: ['410103001001'],
        acknowledgedAt: '2026-07-20T08:01:00Z',
      }),
      firing('a2', 'A', { level: 'red', rule: 'village-evacuate', villages: ['410103001001'] }),
      firing('a3', 'A', {
        level: 'red',
        rule: 'village-evacuate',
        villages: ['410103001002'],
        value: 90,
        threshold: 60,
      }),
    ]);
    expect(rows.map((r) => r.station)).toEqual(['A', 'B']);
    expect(rows[0]?.loudest.id).toBe('a3');
    expect(rows[0]?.villages).toBe(2);
    expect(rows[0]?.unacknowledged.map((f) => f.id).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(rows[1]?.unacknowledged).toEqual([]);
  });
});
