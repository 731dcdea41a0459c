import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/protocol/index.ts';
import { isLogFull, LogFullError } from './event-store.ts';
import { DEFAULT_RETENTION } from './log-retention.ts';
import { SqliteEventStore } from './sqlite-event-store.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fileIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'onemap-retention-'));
  dirs.push(dir);
  return join(dir, 'events.sqlite');
};

/** A team's fix every `stepMs` from `fromMs` for `count` fixes, two teams interleaved. */
function fixes(fromMs: number, count: number, stepMs: number): Omit<EventEnvelope, 'seq'>[] {
  const out: Omit<EventEnvelope, 'seq'>[] = [];
  for (let i = 0; i < count; i++)
    for (const id of ['T1', 'T2'])
      out.push({
        time: new Date(fromMs + i * stepMs).toISOString(),
        scenario: 'erqi',
        type: 'team:move',
        payload: { id, position: [113 + i * 1e-5, 34.7], bearing: 0, speedKmh: 30 },
      });
  return out;
}

type Row = { seq: number; time: string; type: string; id: string | null };
const rowsOf = (path: string): Row[] => {
  const db = new Database(path, { readonly: true });
  const rows = db
    .prepare<
      [],
      Row
    >("SELECT seq, time, type, json_extract(payload, '$.id') AS id FROM events ORDER BY seq")
    .all();
  db.close();
  return rows;
};

/** The last fix of each team in each minute: what thinning must keep of the old telemetry. */
const lastPerMinute = (rows: readonly Row[]) => {
  const last = new Map<string, number>();
  for (const r of rows)
    if (r.type === 'team:move') last.set(`${r.id} ${r.time.slice(0, 16)}`, r.seq);
  return last;
};

describe('SqliteEventStore retention', () => {
  it('thins telemetry older than a day to the last fix per team per minute, across chunks, and keeps everything else', async () => {
    const path = fileIn();
    const store = new SqliteEventStore(path);
    // 30,000 fixes every 2 s, two days ago (over many of a pass's chunks), an incident among them,
    // then an hour of today's fixes.
    const old = fixes(NOW - 2 * DAY, 15_000, 2_000);
    store.appendAllNow(old.slice(0, 10_001));
    store.appendAllNow([
      {
        time: old[10_001]?.time ?? '',
        scenario: 'erqi',
        type: 'incident:close',
        payload: { id: 'INC-1' },
      },
    ]);
    store.appendAllNow(old.slice(10_001));
    store.appendAllNow(fixes(NOW - 3_600_000, 1_800, 2_000));
    const before = rowsOf(path);
    const oldRows = before.filter((r) => Date.parse(r.time) < NOW - DAY);
    const expected = lastPerMinute(oldRows);

    const done = await store.compact(DEFAULT_RETENTION, NOW);
    const after = rowsOf(path);
    const afterOld = after.filter((r) => Date.parse(r.time) < NOW - DAY);
    const moves = afterOld.filter((r) => r.type === 'team:move');
    expect(new Set(moves.map((r) => r.seq))).toEqual(new Set(expected.values()));
    expect(done.telemetry).toBe(oldRows.length - 1 - expected.size);
    expect(afterOld.filter((r) => r.type === 'incident:close')).toHaveLength(1);
    // Today's telemetry is whole.
    expect(after.filter((r) => Date.parse(r.time) >= NOW - DAY)).toEqual(
      before.filter((r) => Date.parse(r.time) >= NOW - DAY),
    );
    // The newest fix of each team (where it is) is still the log's.
    expect(after.at(-1)).toEqual(before.at(-1));
    await store.close();
  });

  it('starts the next pass where the last stopped and thins what has aged since', async () => {
    const path = fileIn();
    const store = new SqliteEventStore(path);
    store.appendAllNow(fixes(NOW - DAY - 10 * 60_000, 600, 2_000)); // 20 min, straddling a day's age
    const first = await store.compact(DEFAULT_RETENTION, NOW);
    expect(first.telemetry).toBeGreaterThan(0);
    expect((await store.compact(DEFAULT_RETENTION, NOW)).telemetry).toBe(0);
    const second = await store.compact(DEFAULT_RETENTION, NOW + 15 * 60_000);
    expect(second.telemetry).toBeGreaterThan(0);
    const rows = rowsOf(path);
    // Thinned everywhere now, and never two fixes of a team in one minute.
    expect(rows).toHaveLength(lastPerMinute(rows).size);
    expect(rows).toHaveLength(2 * 20);
    await store.close();
  });

  it('drops command records past the idempotency window, and only those', async () => {
    const store = new SqliteEventStore(':memory:');
    const event = fixes(NOW, 1, 1)[0];
    if (!event) throw new Error('no event');
    store.appendAllNow([event], { command: { key: 'duty:k1' } });
    const answered = await store.recall('duty:k1');
    expect(answered).toMatchObject({ ok: true });
    expect((await store.compact(DEFAULT_RETENTION, Date.now() + DAY)).commands).toBe(0);
    expect(await store.recall('duty:k1')).toEqual(answered);
    const late = Date.now() + DEFAULT_RETENTION.commandsAfterMs + 1_000;
    expect((await store.compact(DEFAULT_RETENTION, late)).commands).toBe(1);
    expect(await store.recall('duty:k1')).toBeUndefined();
    await store.close();
  });

  it('gives records of a log made before they had a time the window from the upgrade', async () => {
    const path = fileIn();
    const old = new Database(path);
    old.exec('CREATE TABLE commands (key TEXT PRIMARY KEY, result TEXT NOT NULL)');
    old
      .prepare('INSERT INTO commands VALUES (?, ?)')
      .run('duty:k0', '{"ok":true,"data":{"seq":1}}');
    old.close();
    const store = new SqliteEventStore(path);
    expect(await store.recall('duty:k0')).toEqual({ ok: true, data: { seq: 1 } });
    expect((await store.compact(DEFAULT_RETENTION, Date.now() + DAY)).commands).toBe(0);
    await store.close();
  });

  it('refuses writes past EVENT_DB_MAX_MB as a full log, keeps what it holds, and takes writes again once retention made room', async () => {
    const path = fileIn();
    const store = new SqliteEventStore(path, 1024 * 1024);
    let appended = 0;
    let refusal: unknown = null;
    for (let t = NOW - 2 * DAY; refusal === null; t += 200_000) {
      try {
        store.appendAllNow(fixes(t, 100, 1_000));
        appended += 200;
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toBeInstanceOf(LogFullError);
    expect(isLogFull(refusal)).toBe(true);
    expect((refusal as Error).message).toMatch(/event log is full.*nothing was stored/);
    expect(store.boundsNow().last).toBe(appended);
    await expect(store.probe()).rejects.toBeInstanceOf(LogFullError);
    const done = await store.compact(DEFAULT_RETENTION, NOW);
    expect(done.telemetry).toBeGreaterThan(appended / 2);
    await expect(store.probe()).resolves.toBeUndefined();
    store.appendAllNow(fixes(NOW, 100, 1_000));
    expect(store.boundsNow().last).toBe(appended + 200);
    expect((await store.size()).freeBytes).toBeGreaterThan(0);
    await store.close();
  });
});
