import { describe, expect, it } from 'vitest';
import type { HazardStats, Incident, Shelter, Team } from '../../shared/protocol/index.ts';
import { wallKpis } from './wall-kpis.ts';

const incident = (severity: Incident['severity'], status: Incident['status']) =>
  ({ severity, status }) as Incident;
const team = (status: Team['status']) => ({ status }) as Team;
const shelter = (occupancy: number, capacityNight: number, status: Shelter['status'] = 'open') =>
  ({ occupancy, capacityNight, status }) as Shelter;
const n = (x: number) => String(x);

describe('wall KPIs', () => {
  it('counts open incidents by severity and turns red for a level I or II one', () => {
    const k = wallKpis(
      {
        incidents: [
          incident('III', 'on_scene'),
          incident('IV', 'closed'),
          incident('II', 'reported'),
        ],
        teams: [],
        shelters: [],
        hazards: null,
        transfer: null,
      },
      n,
    );
    const open = k.find((x) => x.id === 'incidents');
    expect(open?.value).toBe('2');
    expect(open?.parts).toEqual([
      ['severity.I', 0],
      ['severity.II', 1],
      ['severity.III', 1],
      ['severity.IV', 0],
    ]);
    expect(open?.level).toBe('alert');
    expect(k.find((x) => x.id === 'alarms')).toMatchObject({ value: '1', level: 'alert' });
    // No plan, no hazard statistics: no tiles for them rather than zeros.
    expect(k.map((x) => x.id)).toEqual(['incidents', 'alarms', 'teams', 'shelters']);
  });

  it('colours teams, shelters, transfer, overdue hazards and settlement by their thresholds', () => {
    const hazards = {
      byTownship: {
        a: { investigated: 0, rectified: 0, open: 100, overdue: 3, reports: 1000, settled: 970 },
      },
    } as unknown as HazardStats;
    const k = wallKpis(
      {
        incidents: [],
        teams: [team('available'), ...Array.from({ length: 9 }, () => team('on_scene'))],
        shelters: [shelter(850, 1000), shelter(0, 500, 'closed')],
        hazards,
        transfer: { moved: 600, total: 1000 },
      },
      n,
    );
    const by = Object.fromEntries(k.map((x) => [x.id, [x.value, x.level]]));
    expect(by).toEqual({
      incidents: ['0', 'ok'],
      alarms: ['0', 'ok'],
      teams: ['1 / 9', 'warn'],
      shelters: ['85.0%', 'warn'],
      transfer: ['60%', 'warn'],
      overdue: ['3', 'alert'],
      settlement: ['97.00%', 'warn'],
    });
  });
});
