import { describe, expect, it } from 'vitest';
import type { AdminArea, RiskPoint, Shelter, Team } from '../protocol/index.ts';
import { areaStats, inArea, reportsByTownship } from './area-stats.ts';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ] as [number, number][][],
};
const vulnerable = {
  elderlyAlone: 1,
  disabled: 2,
  bedridden: 0,
  pregnant: 0,
  childrenLeftBehind: 3,
};
const area = (code: string, level: AdminArea['level']): AdminArea => ({
  code,
  level,
  name: code,
  parentCode: null,
  population: 1000,
  households: 300,
  vulnerable,
  seat: [0.5, 0.5],
  geometry: square,
  synthetic: true,
});
const shelter = (
  id: string,
  villageCode: string,
  capacityNight: number,
  occupancy: number,
  status: Shelter['status'] = 'open',
) =>
  ({
    id,
    villageCode,
    townshipCode: villageCode.slice(0, 9),
    countyCode: villageCode.slice(0, 6),
    capacityNight,
    occupancy,
    status,
  }) as Shelter;
const team = (id: string, townshipCode: string, members: number, status: Team['status']) =>
  ({ id, townshipCode, countyCode: townshipCode.slice(0, 6), members, status }) as Team;
const risk = (
  id: string,
  villageCode: string,
  status: RiskPoint['status'],
  deadline: string | null,
) =>
  ({
    id,
    villageCode,
    townshipCode: villageCode.slice(0, 9),
    countyCode: villageCode.slice(0, 6),
    status,
    rectificationDeadline: deadline,
  }) as RiskPoint;

const input = {
  shelters: [
    shelter('S1', '410103001001', 100, 30),
    shelter('S2', '410103001002', 50, 0, 'closed'),
    shelter('S3', '410103101201', 80, 80),
  ],
  teams: [team('T1', '410103001', 30, 'available'), team('T2', '410103101', 10, 'dispatched')],
  depots: [],
  riskPoints: [
    risk('R1', '410103001001', 'rectification_assigned', '2026-01-01'),
    risk('R2', '410103001001', 'closed', null),
    risk('R3', '410103101201', 'verified', '2099-01-01'),
  ],
  incidents: [],
  reportsByTownship: new Map([
    ['410103001', { total: 100, settled: 99 }],
    ['410103101', { total: 50, settled: 50 }],
  ]),
};

describe('inArea', () => {
  it('treats a city code as all its counties', () => {
    expect(inArea('410200', '410225101')).toBe(true);
    expect(inArea('410103', '410104001')).toBe(false);
    expect(inArea('410103001', '410103001007')).toBe(true);
  });
});

describe('areaStats', () => {
  it('sums a county', () => {
    const s = areaStats(area('410103', 'county'), input, '2026-11-22');
    expect(s.shelters).toEqual({ count: 3, capacityNight: 180, occupancy: 110, free: 70 });
    expect(s.teams).toEqual({ count: 2, people: 40, available: 1 });
    expect(s.riskPoints).toEqual({ total: 3, open: 2, overdue: 1 });
    expect(s.reports).toEqual({ total: 150, settled: 149, rate: (149 / 150) * 100 });
  });

  it('narrows to a township', () => {
    const s = areaStats(area('410103001', 'township'), input, '2026-11-22');
    expect(s.shelters.count).toBe(2);
    expect(s.teams.people).toBe(30);
    expect(s.reports.rate).toBe(99);
  });

  it('counts township forces and reports towards each of its villages', () => {
    const s = areaStats(area('410103001002', 'village'), input, '2026-11-22');
    expect(s.shelters.count).toBe(1);
    expect(s.riskPoints.total).toBe(0);
    expect(s.teams.count).toBe(1);
    expect(s.reports.total).toBe(100);
  });
});

describe('reportsByTownship', () => {
  it('counts totals and settled rows per township', () => {
    const m = reportsByTownship([0, 0, 1, 1, 1], [2, 0, 2, 2, 1], ['A', 'B'], 2);
    expect(Object.fromEntries(m)).toEqual({
      A: { total: 2, settled: 1 },
      B: { total: 3, settled: 2 },
    });
  });
});
