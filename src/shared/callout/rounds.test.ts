import { describe, expect, it } from 'vitest';
import { testCallout } from './callout-test-data.ts';
import { calloutId, dueSteps, type CalloutPolicy } from './rounds.ts';

const POLICY: CalloutPolicy = { answerMs: 5 * 60_000, rounds: 3 };
const at = (hhmm: string) => Date.parse(`2026-07-20T${hhmm}:00.000Z`);

describe('the escalation ladder, on a fake clock', () => {
  it('asks nothing of a callout answered in time, or still inside its five minutes', () => {
    const answered = testCallout({
      id: 'a',
      status: 'answered',
      answeredAt: '2026-07-20T08:03:00.000Z',
    });
    const fresh = testCallout({ id: 'b' });
    expect(dueSteps([answered, fresh], at('08:04'), POLICY)).toEqual([]);
    // Answered, it is never called again however late it is.
    expect(dueSteps([answered], at('09:00'), POLICY)).toEqual([]);
  });

  it('calls again and escalates once, the first time five minutes pass unanswered', () => {
    const c = testCallout({ id: 'a' });
    const [step, ...rest] = dueSteps([c], at('08:05'), POLICY);
    expect(rest).toEqual([]);
    expect(step).toEqual({ kind: 'round', callout: c, attempt: 2, escalate: true });
    // The next round repeats the call without escalating again (the tier above is on it).
    const second = testCallout({ id: 'a', attempts: 2, dueAt: '2026-07-20T08:10:00.000Z' });
    expect(dueSteps([second], at('08:09'), POLICY)).toEqual([]);
    expect(dueSteps([second], at('08:10'), POLICY)[0]).toMatchObject({
      attempt: 3,
      escalate: false,
    });
  });

  it('lapses after the last round, and orders what is due by how long it waited', () => {
    const last = testCallout({ id: 'a', attempts: 3, dueAt: '2026-07-20T08:15:00.000Z' });
    const older = testCallout({ id: 'b', dueAt: '2026-07-20T08:01:00.000Z' });
    const steps = dueSteps([last, older], at('08:20'), POLICY);
    expect(steps.map((s) => [s.kind, s.callout.id])).toEqual([
      ['round', 'b'],
      ['lapse', 'a'],
    ]);
  });

  it('names one callout per person per warning, alike everywhere', () => {
    expect(calloutId('w1', 'RP000001')).toBe(calloutId('w1', 'RP000001'));
    expect(calloutId('w1', 'RP000001')).not.toBe(calloutId('w2', 'RP000001'));
    expect(calloutId('x'.repeat(300), 'RP000001').length).toBeLessThanOrEqual(64);
  });
});
