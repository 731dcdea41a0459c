import { describe, expect, it } from 'vitest';
import type { FeedEvent } from './feed-event.ts';
import type { Incident } from './incident.ts';
import { redactEntity, redactEvent } from './redaction.ts';
import type { Team } from './team.ts';

const incident: Incident = {
  id: 'I1',
  type: 'fire',
  severity: 'II',
  status: 'dispatched',
  title: '张三家厨房起火',
  description: '来电人张三 10012345678',
  position: [113.6, 34.7],
  address: '大学路',
  countyCode: '410103',
  townshipCode: '410103001',
  villageCode: null,
  reportedAt: '2026-12-01T08:00:00+08:00',
  updatedAt: '2026-12-01T08:00:00+08:00',
  assignedTeamIds: ['TM1'],
  dispatches: [{ teamId: 'TM1', at: '2026-12-01T08:01:00+08:00', etaS: 300, by: '王值班' }],
  source: 'phone',
  exercise: false,
  sensitive: false,
};
const team = {
  id: 'TM1',
  name: '一队',
  leader: { name: '李队长', phone: '10087654321' },
} as unknown as Team;
const event = (type: string, payload: unknown, seq = 7): FeedEvent =>
  ({ seq, time: '2026-12-01T00:00:00Z', scenario: 'erqi', type, payload }) as FeedEvent;

describe('redaction', () => {
  it('leaves everything to a full reader', () => {
    expect(redactEntity('incidents', incident, 'full')).toBe(incident);
    const e = event('incident:update', incident);
    expect(redactEvent(e, 'full')).toBe(e);
  });

  it('gives the public an incident without its words or dispatchers, and no sensitive one', () => {
    const shown = redactEntity('incidents', incident, 'public');
    expect(shown).toMatchObject({
      id: 'I1',
      title: '火灾',
      description: '',
      assignedTeamIds: ['TM1'],
    });
    expect(JSON.stringify(shown)).not.toMatch(/张三|王值班|100\d{8}/);
    expect(redactEntity('incidents', { ...incident, sensitive: true }, 'public')).toBeNull();
  });

  it('withdraws an incident that turns sensitive, keeping the seq', () => {
    const out = redactEvent(
      event('incident:update', { ...incident, sensitive: true }, 42),
      'public',
    );
    expect(out).toEqual({
      seq: 42,
      time: '2026-12-01T00:00:00Z',
      scenario: 'erqi',
      type: 'feed:withheld',
      payload: { incident: 'I1' },
    });
  });

  it('drops contacts, people collections and briefings for the public', () => {
    expect(redactEntity('teams', team, 'public')).toEqual({ id: 'TM1', name: '一队' });
    expect(redactEvent(event('team:update', team), 'public').payload).toEqual({
      id: 'TM1',
      name: '一队',
    });
    expect(redactEntity('grid-members', { id: 'GM1' } as never, 'public')).toBeNull();
    expect(redactEvent(event('briefing:view', { by: '王值班' }), 'public').type).toBe(
      'feed:withheld',
    );
    expect(
      redactEvent(
        event('wall:state', { scene: 'kpis', focus: null, by: '王值班', at: 'x' }),
        'public',
      ).payload,
    ).toMatchObject({ by: '' });
  });

  it('withholds an event type it does not know', () => {
    expect(redactEvent(event('nobody:knows', { secret: 1 }), 'public').type).toBe('feed:withheld');
  });
});
