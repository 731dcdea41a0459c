import { describe, expect, it } from 'vitest';
import { area } from '../import/test-jurisdiction.ts';
import type { Firing } from '../protocol/index.ts';
import { warningHazard } from '../transfer/hazard-scenarios.ts';
import { affectedBy } from '../transfer/hazard-area.ts';
import { firingWarning, standingRuleWarning } from './firing-warning.ts';

const west = area('410103001001', '西村', [113.5, 34.6, 113.6, 34.8]);
// Imported outlines overlap a little where two surveys met.
const east = area('410103001002', '东村', [113.598, 34.6, 113.7, 34.8]);
const other = area('410103002001', '南村', [113.5, 34.5, 113.7, 34.6]);
const villages = new Map([west, east, other].map((v) => [v.code, v]));

const firing = (over: Partial<Firing>): Firing => ({
  id: 'F-1',
  status: 'open',
  rule: 'village-prepare',
  ruleName: '准备转移',
  ruleKind: 'village',
  level: 'orange',
  station: 'ST1',
  stationCode: '41010001',
  stationName: '示例雨量站',
  stationKind: 'rain',
  position: [113.55, 34.7],
  countyCode: '410103',
  townshipCode: '410103001',
  villageCode: west.code,
  villages: [west.code],
  value: 42,
  threshold: 40,
  unit: 'mm',
  windowH: 1,
  trend: 42,
  openedAt: '2026-07-20T08:00:00Z',
  ...over,
});
const now = new Date('2026-07-20T08:00:30Z');

describe('a firing’s warning', () => {
  it('is issued over exactly the villages it threatens, and a plan from it moves exactly them', () => {
    const w = firingWarning(firing({}), villages, undefined, { now, exercise: true });
    expect(w).not.toBeNull();
    if (!w) return;
    expect(w).toMatchObject({ msgType: 'Alert', status: 'Exercise', level: 'orange' });
    expect(w.event).toBe('山洪灾害预警');
    expect(w.areas.flatMap((a) => a.geocodes)).toEqual([west.code]);
    // The outline overlaps 东村's a little: an area test takes both, the codes say one.
    const hazard = warningHazard(w);
    expect(hazard.villages).toEqual([west.code]);
    const touched = affectedBy(hazard, [west, east, other], [], []).villages.map((v) => v.code);
    expect(touched).toEqual([west.code]);
    const byArea = affectedBy({ ...hazard, villages: undefined }, [west, east, other], [], []);
    expect(byArea.villages.map((v) => v.code)).toEqual([west.code, east.code]);
  });

  it('is upgraded when a higher rule fires at the same station, over the villages of both', () => {
    const first = firingWarning(firing({}), villages, undefined, { now, exercise: false });
    if (!first) throw new Error('no first warning');
    const later = new Date(now.getTime() + 600_000);
    const red = firing({
      rule: 'village-evacuate',
      level: 'red',
      villages: [west.code, other.code],
    });
    const up = firingWarning(red, villages, first, { now: later, exercise: false });
    expect(up).toMatchObject({ msgType: 'Update', level: 'red', status: 'Actual' });
    expect(up?.references).toEqual([`${first.sender},${first.identifier},${first.sent}`]);
    // By township: one area each.
    expect(up?.areas.map((a) => a.geocodes)).toEqual([[west.code], [other.code]]);
    expect(standingRuleWarning([first], 'ST1')).toBe(first);
    expect(standingRuleWarning([first], 'ST2')).toBeUndefined();
  });

  it('changes nothing when the standing warning is as high and covers the villages already', () => {
    const first = firingWarning(firing({ level: 'red' }), villages, undefined, {
      now,
      exercise: false,
    });
    if (!first) throw new Error('no first warning');
    expect(firingWarning(firing({}), villages, first, { now, exercise: false })).toBeNull();
    // An informative rule or one threatening no village issues nothing.
    expect(
      firingWarning(firing({ level: 'info' }), villages, undefined, { now, exercise: false }),
    ).toBeNull();
    expect(
      firingWarning(firing({ villages: [] }), villages, undefined, { now, exercise: false }),
    ).toBeNull();
  });
});
