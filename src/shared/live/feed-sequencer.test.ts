import { describe, expect, it } from 'vitest';
import type { FeedSubscribed } from '../protocol/index.ts';
import { FeedSequencer } from './feed-sequencer.ts';

/** A valid wall event with seq `seq` (and `prev`, the scenario's previous seq, when given). */
const ev = (seq: number, prev?: number, scenario = 'erqi') => ({
  seq,
  ...(prev === undefined ? {} : { prev }),
  time: '2026-07-20T08:00:00+08:00',
  scenario,
  type: 'wall:state',
  payload: { scene: 'kpis', focus: null, by: 'duty', at: '2026-07-20T08:00:00+08:00' },
});
const ack = (patch: Partial<FeedSubscribed> = {}): FeedSubscribed => ({
  scenario: 'erqi',
  seq: 10,
  seqTime: '2026-07-20T00:00:10.000Z',
  logId: 'log-a',
  exercise: true,
  replay: [],
  resync: false,
  rewound: false,
  ...patch,
});
const seqs = (s: { events: { seq: number }[] }) => s.events.map((e) => e.seq);

/** A sequencer past first contact, following from seq 10. */
function following(): FeedSequencer {
  const s = new FeedSequencer('erqi');
  s.subscribing();
  s.subscribed(ack());
  return s;
}

describe('FeedSequencer', () => {
  it('on first contact asks for snapshots and follows from the gateway seq', () => {
    const s = new FeedSequencer('erqi');
    expect(s.subscribing()).toBe(0);
    const first = s.subscribed(ack({ seq: 10 }));
    expect(first.resync).toBe(true);
    expect(s.lastSeq).toBe(10);
    expect(seqs(s.receive(ev(11, 10)))).toEqual([11]);
  });

  it('puts out-of-order events back in order and applies each once (duplicates dropped)', () => {
    const s = following();
    s.subscribing();
    s.receive(ev(13));
    s.receive(ev(12));
    s.receive(ev(12));
    const out = s.subscribed(ack({ replay: [ev(11), ev(12)] }));
    expect(seqs(out)).toEqual([11, 12, 13]);
    expect(out.resync).toBe(false);
    expect(seqs(s.receive(ev(13)))).toEqual([]);
  });

  it('holds a broadcast that overtakes the subscription answer, then applies it after the replay', () => {
    const s = following();
    expect(s.subscribing()).toBe(10);
    // Live event 14 arrives before the answer that replays 11–13.
    expect(seqs(s.receive(ev(14, 13)))).toEqual([]);
    expect(seqs(s.subscribed(ack({ replay: [ev(11), ev(12), ev(13)] })))).toEqual([11, 12, 13, 14]);
  });

  it('sees a hole through prev, asks for a fill, holds what comes, and merges the fill', () => {
    const s = following();
    const hole = s.receive(ev(15, 13));
    expect(hole.fill).toBe(10);
    expect(hole.events).toEqual([]);
    expect(seqs(s.receive(ev(16, 15)))).toEqual([]);
    expect(seqs(s.filled([ev(11), ev(13), ev(15)]))).toEqual([11, 13, 15, 16]);
    expect(s.lastSeq).toBe(16);
  });

  it('asks for a resync when the log cannot fill the hole, still applying what it held', () => {
    const s = following();
    s.receive(ev(20, 19));
    const out = s.fillFailed();
    expect(out.resync).toBe(true);
    expect(seqs(out)).toEqual([20]);
  });

  it('asks for a resync when the gap is older than the gateway keeps', () => {
    const s = following();
    s.subscribing();
    const out = s.subscribed(ack({ seq: 500, resync: true }));
    expect(out.resync).toBe(true);
    expect(s.lastSeq).toBe(500);
    expect(seqs(s.receive(ev(499)))).toEqual([]);
    expect(seqs(s.receive(ev(501, 500)))).toEqual([501]);
  });

  it('refuses what breaks the contract, with the reason, and ignores other scenarios', () => {
    const s = following();
    const out = s.receive({ ...ev(11), type: 'wall:explode' });
    expect(out.refused).toEqual(['unknown event type "wall:explode"']);
    expect(seqs(s.receive(ev(12, undefined, 'kaifeng')))).toEqual([]);
    expect(s.lastSeq).toBe(10);
  });

  it('lets held events through when the subscription is refused', () => {
    const s = following();
    s.subscribing();
    s.receive(ev(11));
    expect(seqs(s.refusedSubscription())).toEqual([11]);
  });

  it('resumes with the log it follows and the time of the last event it took in', () => {
    const s = following();
    expect(s.resume).toEqual({ sinceTime: '2026-07-20T00:00:10.000Z', logId: 'log-a' });
    s.receive(ev(11, 10));
    expect(s.resume).toEqual({ sinceTime: '2026-07-20T08:00:00+08:00', logId: 'log-a' });
  });

  it('follows a log that went back from its own seq, lower than the one it had, and says what it held is void', () => {
    const s = following();
    s.receive(ev(11, 10));
    s.receive(ev(12, 11));
    expect(s.subscribing()).toBe(12);
    // A backup restored at seq 5: the gateway says so; events from 6 on are the new history.
    const out = s.subscribed(ack({ seq: 5, resync: true, rewound: true }));
    expect(out).toMatchObject({ resync: true, rewound: true });
    expect(s.lastSeq).toBe(5);
    expect(seqs(s.receive(ev(6, 5)))).toEqual([6]);
  });

  it('refuses a fill from another log and subscribes again as on first contact', () => {
    const s = following();
    expect(s.receive(ev(13, 12)).fill).toBe(10);
    const out = s.filled([ev(11), ev(12)], 'log-b');
    expect(out).toMatchObject({ resync: true, rewound: true, events: [] });
    expect(s.lastSeq).toBe(0);
    // Live events wait for the new subscription's answer.
    expect(seqs(s.receive(ev(3, 2)))).toEqual([]);
    expect(s.subscribing()).toBe(0);
    expect(s.resume).toEqual({});
    expect(seqs(s.subscribed(ack({ seq: 2, logId: 'log-b' })))).toEqual([3]);
  });
});
