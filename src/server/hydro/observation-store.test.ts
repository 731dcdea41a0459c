import { describe, expect, it } from 'vitest';
import { ObservationStore } from './observation-store.ts';

const rain = (time: string, value: number, periodMin = 5) => ({
  station: '41010001',
  element: 'rain' as const,
  time,
  value,
  periodMin,
});

describe('observation store', () => {
  it('stores a repeated report once, keeps periods apart, and reads a series oldest first', () => {
    const store = new ObservationStore(':memory:');
    const at = '2026-07-20T17:00:00+08:00';
    expect(store.add('erqi', [rain(at, 2.5), rain('2026-07-20T16:55:00+08:00', 1)])).toHaveLength(
      2,
    );
    // The RTU repeats the report it got no answer to; an hourly amount at the same time differs.
    expect(store.add('erqi', [rain(at, 2.5), rain(at, 30.1, 60)])).toEqual([rain(at, 30.1, 60)]);
    // A corrected amount for the same five minutes replaces the one held, and is answered.
    expect(store.add('erqi', [rain('2026-07-20T16:55:00+08:00', 1.2)])).toHaveLength(1);
    expect(store.add('erqi', [rain('2026-07-20T16:55:00+08:00', 1.2)])).toHaveLength(0);
    const series = store.series('erqi', '41010001', Date.parse('2026-07-20T16:00:00+08:00'));
    expect(series.map((o) => [o.time.slice(11, 16), o.value, o.periodMin])).toEqual([
      ['16:55', 1.2, 5],
      ['17:00', 2.5, 5],
      ['17:00', 30.1, 60],
    ]);
    expect(store.series('kaifeng', '41010001', 0)).toEqual([]);
    // What a restarted rules engine reads back, and whether a station spoke after a time.
    expect(
      store.recent('erqi', Date.parse('2026-07-20T16:56:00+08:00')).map((o) => o.value),
    ).toEqual([2.5, 30.1]);
    expect(store.reportedAfter('erqi', '41010001', '2026-07-20T16:55:00+08:00')).toBe(true);
    expect(store.reportedAfter('erqi', '41010001', '2026-07-20T17:00:00+08:00')).toBe(false);
    store.close();
  });
});
