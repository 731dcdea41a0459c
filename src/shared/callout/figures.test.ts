import { describe, expect, it } from 'vitest';
import { testCallout } from './callout-test-data.ts';
import { answeredWithin, areaRollups, byTrigger } from './figures.ts';

describe('叫应 figures', () => {
  const now = Date.parse('2026-07-20T08:20:00.000Z');
  const list = [
    testCallout({ id: 'a', status: 'answered', answeredAt: '2026-07-20T08:03:00.000Z' }),
    testCallout({ id: 'b', status: 'answered', answeredAt: '2026-07-20T08:09:00.000Z' }),
    testCallout({ id: 'c', status: 'unanswered', areaCode: '410202001002', areaName: '乙村' }),
    testCallout({
      id: 'd',
      areaCode: '410202001003',
      areaName: '丙村',
      openedAt: '2026-07-20T08:18:00.000Z',
    }),
    testCallout({
      id: 'e',
      areaCode: '410202001003',
      areaName: '丙村',
      openedAt: '2026-07-20T08:10:00.000Z',
    }),
  ];

  it('counts answered within five minutes out of those whose outcome is known', () => {
    // a in time; b late; c never (past five minutes); e waiting past five; d still inside them.
    expect(answeredWithin(list, 5 * 60_000, now)).toEqual({ answered: 1, decided: 4, share: 0.25 });
    expect(answeredWithin([], 5 * 60_000, now).share).toBeNull();
  });

  it('puts areas with someone waiting first, the oldest wait first, then unanswered, then done', () => {
    const areas = areaRollups(list);
    expect(areas.map((a) => a.areaName)).toEqual(['丙村', '乙村', '甲村']);
    expect(areas[0]).toMatchObject({
      total: 2,
      waiting: 2,
      oldestWait: Date.parse('2026-07-20T08:10:00.000Z'),
    });
    expect(areas[0]?.callouts.map((c) => c.id)).toEqual(['e', 'd']);
    expect(areas[2]).toMatchObject({ answered: 2, waiting: 0, oldestWait: null });
  });

  it('groups by the warning called about, the newest call first', () => {
    const groups = byTrigger([...list, testCallout({ id: 'f', ref: 'w2', headline: '另一个' })]);
    // w1's newest callout opened at 08:18, w2's only one at 08:00.
    expect(groups.map((g) => [g.ref, g.callouts.length])).toEqual([
      ['w1', 5],
      ['w2', 1],
    ]);
  });
});
