import { describe, expect, it } from 'vitest';
import { MAX_CLOSED_INCIDENTS, type Incident } from '../../shared/protocol/index.ts';
import { testCheckin } from '../../shared/people/checkin-test-data.ts';
import { checkinsOf } from '../../shared/people/roll.ts';
import { LiveState } from './live-state.ts';

/** Event n updates at second n: closing order is the order of closing times. */
const incident = (id: string, status: string, n: number) =>
  ({
    id,
    status,
    assignedTeamIds: [],
    updatedAt: new Date(Date.parse('2026-07-20T00:00:00Z') + n * 1000).toISOString(),
  }) as unknown as Incident;

describe('LiveState', () => {
  it('keeps every open incident and only the most recently closed ones (reopened ones rejoin the queue when closed again)', () => {
    const live = new LiveState([], []);
    let seq = 0;
    const put = (id: string, status: string) =>
      live.apply(++seq, { type: 'incident:update', payload: incident(id, status, seq) });
    put('open-1', 'dispatched');
    for (let i = 0; i < MAX_CLOSED_INCIDENTS; i++) put(`c${i}`, 'closed');
    put('c0', 'reported'); // reopened: no longer closed
    put('c0', 'closed'); // closed again: now the newest closed one
    put('late', 'closed'); // one over: the oldest closed (c1) goes
    expect(live.incidents.has('open-1')).toBe(true);
    expect(live.incidents.has('c0')).toBe(true);
    expect(live.incidents.has('c1')).toBe(false);
    expect(live.incidents.has('c2')).toBe(true);
    expect(live.incidents.size).toBe(MAX_CLOSED_INCIDENTS + 1);
    // Their dispatch logs go with them.
    expect(live.incidentLog.has('c1')).toBe(false);
    expect(live.incidentLog.get('c0')?.map((e) => e.kind === 'status' && e.status)).toEqual([
      'closed',
      'reported',
      'closed',
    ]);
  });

  it('saves a checkpoint that, restored into a fresh state, goes on exactly like the original', () => {
    const original = new LiveState([], []);
    let seq = 0;
    // Each event carries its time: the dispatch log records it, and two states given the same
    // events a millisecond apart must still save alike.
    const put = (live: LiveState, id: string, status: string, n = ++seq) =>
      live.apply(n, {
        type: 'incident:update',
        payload: incident(id, status, n),
        time: incident(id, status, n).updatedAt,
      });
    put(original, 'a', 'dispatched');
    put(original, 'b', 'closed');
    original.apply(++seq, {
      type: 'wall:state',
      payload: { scene: 'kpis', focus: null, by: 'duty', at: '2026-11-23T08:00:00Z' },
    });
    const arrive = (code: string, place: string) => ({
      type: 'checkin:arrive',
      payload: testCheckin(code, place),
    });
    original.apply(++seq, arrive('K7M3Q2P', 'S1'));
    // Through JSON, as it is stored.
    const copy = new LiveState([], []);
    copy.restore(JSON.parse(JSON.stringify(original.save())) as ReturnType<LiveState['save']>);
    expect(copy.seq).toBe(original.seq);
    for (const live of [original, copy]) {
      put(live, 'b', 'reported', seq + 1); // reopened: leaves the closed queue in both
      put(live, 'c', 'closed', seq + 2);
      // After the restore, a second check-in of the same person still changes nothing.
      live.apply(seq + 3, arrive('K7M3Q2P', 'S2'));
      live.apply(seq + 4, arrive('A1B2C3D', 'S2'));
    }
    expect(checkinsOf(copy.roll).map((c) => `${c.code}@${c.place}`)).toEqual([
      'K7M3Q2P@S1',
      'A1B2C3D@S2',
    ]);
    expect(copy.save()).toEqual(original.save());
    expect(copy.snapshot()).toEqual(original.snapshot());
    expect(copy.wall.scene).toBe('kpis');
  });
});
