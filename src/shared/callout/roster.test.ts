import { describe, expect, it } from 'vitest';
import { testRoster } from './callout-test-data.ts';
import { Roster } from './roster.ts';

describe('the 叫应 roster', () => {
  const roster = new Roster(testRoster());
  const ids = (list: { id: string }[]) => list.map((p) => p.id).sort();

  it('calls first each covered village’s head and grid head, its township’s and county’s chief', () => {
    const called = roster.firstCalled(['410202001001', '410202001002', '410202001001']);
    expect(ids(called.map((c) => c.person))).toEqual(['1', '3', '6', '7', '8', '9']);
    // The township chief and the county chief answer for both villages.
    expect(called.find((c) => c.person.id === '3')?.villages).toBe(2);
    expect(called.find((c) => c.person.id === '6')?.villages).toBe(1);
    // Nobody of the other township, and no deputy or duty desk on the first round.
    expect(called.some((c) => ['2', '4', '5'].includes(c.person.id))).toBe(false);
  });

  it('escalates a village to its township’s deputy, a township and the county chief to the duty desk', () => {
    const person = (id: string) => roster.person(id) ?? expect.unreachable();
    expect(ids(roster.above(person('6')))).toEqual(['4']);
    expect(ids(roster.above(person('3')))).toEqual(['2']);
    expect(ids(roster.above(person('4')))).toEqual(['2']);
    expect(ids(roster.above(person('1')))).toEqual(['2']);
    expect(roster.above(person('2'))).toEqual([]);
  });

  it('sends a village straight to the county when its township has no deputy on the roster', () => {
    const r = new Roster(testRoster().filter((p) => p.id !== '4'));
    expect(ids(r.above(r.person('6') ?? expect.unreachable()))).toEqual(['2']);
  });
});
