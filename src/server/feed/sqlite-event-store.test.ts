import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from './sqlite-event-store.ts';

describe('SqliteEventStore', () => {
  it('checkpoints the WAL into the database file from its worker thread, not the writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onemap-wal-'));
    const path = join(dir, 'events.sqlite');
    try {
      const store = new SqliteEventStore(path);
      const before = statSync(path).size;
      for (let i = 0; i < 5_000; i++)
        store.appendNow({
          time: '2026-07-20T08:00:00Z',
          scenario: 'erqi',
          type: 'team:move',
          payload: { id: `TM${i}`, position: [113.6, 34.7] },
        });
      // Auto-checkpoints are off: the rows sit in the WAL until the worker moves them.
      expect(statSync(path).size).toBe(before);
      await expect
        .poll(() => statSync(path).size, { timeout: 10_000, interval: 100 })
        .toBeGreaterThan(before + 100_000);
      await store.close();
      const reopened = new SqliteEventStore(path);
      expect(reopened.boundsNow()).toEqual({ first: 1, last: 5_000 });
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the audit log append-only at the database itself', async () => {
    const store = new SqliteEventStore(':memory:');
    await store.appendAudit({
      time: '2026-07-20T08:00:00Z',
      subject: 'duty',
      role: 'duty_officer',
      command: 'incident:dispatch',
      scenario: 'erqi',
      target: 'I1',
      outcome: 'done',
      detail: 'done',
      reason: null,
      before: { status: 'confirmed' },
      after: { status: 'dispatched' },
      seq: 7,
    });
    const db = (store as unknown as { db: { exec(sql: string): void } }).db;
    expect(() => db.exec("UPDATE audit SET entry = '{}'")).toThrow('append-only');
    expect(() => db.exec('DELETE FROM audit')).toThrow('append-only');
    const [line] = await store.readAudit({ limit: 10 });
    expect(line).toMatchObject({ id: 1, target: 'I1', after: { status: 'dispatched' } });
    await store.close();
  });

  it('reads one scenario’s gap by its index, and commits a command’s events with its record', async () => {
    const store = new SqliteEventStore(':memory:');
    const move = (scenario: string, i: number) => ({
      time: '2026-07-20T08:00:00Z',
      scenario,
      type: 'team:move',
      payload: { id: `TM${i}`, position: [113.6, 34.7] },
    });
    // A busy jurisdiction around a quiet one.
    for (let i = 0; i < 300; i++) store.appendNow(move(i % 100 === 0 ? 'quiet' : 'busy', i));
    const quiet = await store.sinceIn('quiet', 0, 10);
    expect(quiet.map((e) => e.seq)).toEqual([1, 101, 201]);
    expect((await store.sinceIn('quiet', 101, 1)).map((e) => e.seq)).toEqual([201]);

    const stored = store.appendAllNow([move('busy', 1), move('busy', 2)], {
      command: { key: 'duty:key-1', id: 'CALL-1' },
    });
    expect(stored.map((e) => e.seq)).toEqual([301, 302]);
    expect(await store.recall('duty:key-1')).toEqual({
      ok: true,
      data: { seq: 302, id: 'CALL-1' },
    });
    await store.close();
  });
});
