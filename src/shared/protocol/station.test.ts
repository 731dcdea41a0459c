import { describe, expect, it } from 'vitest';
import { Observation, Station } from './station.ts';

const river = {
  id: 'ST1',
  code: '41302100',
  name: '贾鲁河中牟站',
  kind: 'river',
  position: [113.97, 34.72],
  countyCode: '410122',
  townshipCode: '410122100',
  water: '贾鲁河',
  levels: { warning: 78.5, guarantee: 80 },
};

describe('stations and observations', () => {
  it('accepts a river station with its warning and guarantee levels', () => {
    expect(Station.safeParse(river).success).toBe(true);
  });

  it('refuses each kind without the levels its rules read, and levels out of order', () => {
    const message = (s: unknown) => {
      const r = Station.safeParse(s);
      return r.success ? 'ok' : (r.error.issues[0]?.message ?? '');
    };
    expect(message({ ...river, levels: { warning: 78.5 } })).toContain('保证水位');
    expect(message({ ...river, levels: { warning: 81, guarantee: 80 } })).toContain('below');
    expect(message({ ...river, kind: 'reservoir', levels: {} })).toContain('汛限水位');
    expect(message({ ...river, kind: 'waterlogging', levels: undefined })).toContain('alarm depth');
    expect(
      message({
        ...river,
        kind: 'rain',
        levels: undefined,
        watches: [
          {
            villageCode: '410122100201',
            hazard: 'flash_flood',
            prepare: { h1: 40 },
            evacuate: { h1: 30 },
          },
        ],
      }),
    ).toContain('准备转移');
  });

  it('needs a period for rain, not for a level', () => {
    const at = { station: '41302100', time: '2026-07-20T17:00:00+08:00' };
    expect(Observation.safeParse({ ...at, element: 'rain', value: 3.5 }).success).toBe(false);
    expect(
      Observation.safeParse({ ...at, element: 'rain', value: 3.5, periodMin: 5 }).success,
    ).toBe(true);
    expect(Observation.safeParse({ ...at, element: 'level', value: 78.9 }).success).toBe(true);
  });
});
