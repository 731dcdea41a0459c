import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AdminArea, LonLat, Shelter, Warning, parseFeedEvent } from './index.ts';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [113.6, 34.7],
      [113.7, 34.7],
      [113.7, 34.8],
      [113.6, 34.7],
    ] as [number, number][],
  ],
};
const zeroVulnerable = {
  elderlyAlone: 0,
  disabled: 0,
  bedridden: 0,
  pregnant: 0,
  childrenLeftBehind: 0,
};
const township = {
  code: '410103001',
  level: 'township',
  name: '淮河路街道',
  parentCode: '410103',
  population: 1000,
  households: 400,
  vulnerable: zeroVulnerable,
  seat: [113.65, 34.75],
  geometry: square,
  synthetic: true,
};

/** The error of a failed parse, or a marker that makes the assertion fail. */
function errorOf(result: ReturnType<typeof parseFeedEvent>): string {
  return result.ok ? '(parsed without error)' : result.error;
}

function message(schema: z.ZodType, value: unknown): string {
  const r = schema.safeParse(value);
  return r.success ? '' : z.prettifyError(r.error);
}

describe('admin area schema', () => {
  it('accepts a township whose code extends its county code', () => {
    expect(AdminArea.safeParse(township).success).toBe(true);
  });

  it.each([
    [{ code: '4101030011' }, 'admin code must be 6'],
    [{ code: '410104001' }, 'does not extend its parent'],
    [{ level: 'village' }, 'a village code has 12 digits'],
    [{ parentCode: null }, 'needs the code of its parent'],
    [{ population: 3, vulnerable: { ...zeroVulnerable, disabled: 5 } }, 'exceed the population'],
  ])('rejects %j saying "%s"', (patch, expected) => {
    expect(message(AdminArea, { ...township, ...patch })).toContain(expected);
  });
});

describe('positions', () => {
  it('names the bad coordinate', () => {
    expect(message(LonLat, [200, 34])).toContain('longitude must be between -180 and 180');
    expect(message(LonLat, [113])).toContain('[longitude, latitude]');
  });
});

describe('shelter schema', () => {
  it('refuses a night capacity above the day capacity', () => {
    const shelter = {
      id: 'SH0001',
      name: '建设小学',
      type: 'school',
      status: 'standby',
      capacityDay: 100,
      capacityNight: 200,
      occupancy: 0,
      safeFor: ['flood'],
      facilities: {
        medical: true,
        water: true,
        power: true,
        toilets: true,
        kitchen: false,
        accessible: true,
        beds: 10,
      },
      areaM2: 400,
      countyCode: '410103',
      townshipCode: '410103001',
      villageCode: '410103001001',
      position: [113.65, 34.75],
      manager: { name: '王伟', phone: '10012345678' },
    };
    expect(message(Shelter, shelter)).toContain('night capacity cannot exceed day capacity');
    expect(Shelter.safeParse({ ...shelter, capacityNight: 80 }).success).toBe(true);
  });
});

describe('warning schema (CAP 1.2)', () => {
  const warning = {
    identifier: 'ZZ-2021-0720-001',
    sender: 'zzqx@example.cn',
    senderName: '郑州市气象台',
    sent: '2021-07-20T06:02:00+08:00',
    status: 'Exercise',
    msgType: 'Alert',
    references: [],
    event: '暴雨预警',
    urgency: 'Immediate',
    severity: 'Extreme',
    certainty: 'Observed',
    level: 'red',
    headline: '暴雨红色预警',
    description: '',
    instruction: '',
    onset: '2021-07-20T06:00:00+08:00',
    expires: '2021-07-21T06:00:00+08:00',
    areas: [{ areaDesc: '二七区', polygons: [square], circles: [], geocodes: ['410103'] }],
  };

  it('accepts a valid alert', () => {
    expect(Warning.safeParse(warning).success).toBe(true);
  });

  it('rejects an update without references and a window that ends before it starts', () => {
    expect(message(Warning, { ...warning, msgType: 'Update' })).toContain(
      'must reference the message',
    );
    expect(message(Warning, { ...warning, expires: warning.onset })).toContain(
      'expires must be after onset',
    );
    expect(message(Warning, { ...warning, level: 'purple' })).toContain(
      'blue, yellow, orange or red',
    );
  });
});

describe('feed events', () => {
  it('accepts a known event and names the payload field that is wrong', () => {
    const ok = parseFeedEvent({
      seq: 1,
      time: '2026-07-20T10:00:00+08:00',
      scenario: 'erqi',
      type: 'team:move',
      payload: { id: 'TM0001', position: [113.6, 34.7] },
    });
    expect(ok.ok).toBe(true);
    const bad = parseFeedEvent({
      seq: 2,
      time: '2026-07-20T10:00:00+08:00',
      scenario: 'erqi',
      type: 'team:move',
      payload: { id: 'TM0001', position: [113.6, 95] },
    });
    expect(errorOf(bad)).toContain('latitude must be between -90 and 90');
  });

  it('rejects unknown types, bad names and a non-positive seq', () => {
    const base = { seq: 1, time: '2026-07-20T10:00:00+08:00', scenario: 'erqi', payload: {} };
    expect(parseFeedEvent({ ...base, type: 'team:teleport' })).toEqual({
      ok: false,
      error: 'unknown event type "team:teleport"',
    });
    expect(errorOf(parseFeedEvent({ ...base, type: 'TeamMoved' }))).toContain('domain:verb');
    expect(errorOf(parseFeedEvent({ ...base, seq: 0, type: 'team:move' }))).toContain(
      'seq must be a positive',
    );
  });
});
