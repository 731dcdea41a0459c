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
});
