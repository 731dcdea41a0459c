import { describe, expect, it } from 'vitest';
import type { CheckpointRef } from './log-retention.ts';
import { checkpointsToDrop, DEFAULT_RETENTION, LogRetention } from './log-retention.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('checkpointsToDrop', () => {
  it('keeps every checkpoint of the last day, the newest of each hour to a week, of each day after', () => {
    // One every 10 minutes for 10 days.
    const refs: CheckpointRef[] = [];
    for (let t = NOW - 10 * DAY, seq = 1; t <= NOW; t += 10 * 60_000, seq++)
      refs.push({ version: 3, seq, timeMs: t });
    const dropped = new Set(checkpointsToDrop(refs, NOW, DEFAULT_RETENTION).map((r) => r.seq));
    const kept = refs.filter((r) => !dropped.has(r.seq));
    const inDay = kept.filter((r) => NOW - r.timeMs <= DAY);
    expect(inDay).toHaveLength(refs.filter((r) => NOW - r.timeMs <= DAY).length);
    const week = kept.filter((r) => NOW - r.timeMs > DAY && NOW - r.timeMs <= 7 * DAY);
    const hours = new Set(week.map((r) => Math.floor(r.timeMs / HOUR)));
    expect(hours.size).toBe(week.length);
    // Each hour keeps its newest.
    for (const r of week)
      expect(
        refs.some(
          (o) =>
            Math.floor(o.timeMs / HOUR) === Math.floor(r.timeMs / HOUR) &&
            o.seq > r.seq &&
            NOW - o.timeMs > DAY,
        ),
      ).toBe(false);
    const older = kept.filter((r) => NOW - r.timeMs > 7 * DAY);
    expect(new Set(older.map((r) => Math.floor(r.timeMs / DAY))).size).toBe(older.length);
    expect(older.length).toBeGreaterThanOrEqual(3);
    expect(older.length).toBeLessThanOrEqual(4);
  });

  it('thins each snapshot version on its own (one of another version cannot stand in)', () => {
    const t = NOW - 2 * DAY;
    const refs = [
      { version: 2, seq: 1, timeMs: t },
      { version: 3, seq: 2, timeMs: t + 1 },
      { version: 3, seq: 3, timeMs: t + 2 },
    ];
    expect(checkpointsToDrop(refs, NOW, DEFAULT_RETENTION)).toEqual([refs[1]]);
  });
});

describe('LogRetention', () => {
  it('runs one pass at a time, totals what it dropped, and reports a failed pass', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const errors: Error[] = [];
    const retention = new LogRetention(
      {
        compact: async () => {
          calls++;
          if (calls === 2) throw new Error('disk went away');
          await new Promise<void>((r) => (release = r));
          return { telemetry: 5, checkpoints: 1, commands: 2 };
        },
      },
      DEFAULT_RETENTION,
      (e) => errors.push(e),
    );
    const a = retention.run();
    const b = retention.run();
    expect(b).toBe(a);
    release();
    expect(await a).toEqual({ telemetry: 5, checkpoints: 1, commands: 2 });
    expect(await retention.run()).toBeNull();
    expect(errors.map((e) => e.message)).toEqual(['disk went away']);
    expect(calls).toBe(2);
    expect(retention.dropped).toEqual({ telemetry: 5, checkpoints: 1, commands: 2 });
  });
});
