/**
 * `npm run backup` copies the event log while the gateway writes it (SQLite's online backup);
 * the copy restored in place of EVENT_DB is the log as it was, and a console resuming from
 * later is told it went back.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedSubscribed } from '../../src/shared/protocol/index.ts';
import { ROOT, startGateway } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { subscribeOnce } from '../support/subscribe.ts';

const dir = mkdtempSync(join(tmpdir(), 'onemap-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'events.sqlite');

describe('npm run backup', () => {
  it('copies the log while the gateway writes it, and the copy restores as the log it was', async () => {
    const backup = join(dir, 'backup.sqlite');
    const first = await startGateway(['erqi'], false, { eventLog: db });
    let later: FeedSubscribed;
    try {
      for (let i = 0; i < 20; i++)
        await first.gateway.hub.publish('erqi', 'incident:open', sampleIncident());
      // The backup runs in its own process while events keep coming.
      const writing = (async () => {
        for (let i = 0; i < 20; i++)
          await first.gateway.hub.publish('erqi', 'incident:open', sampleIncident());
      })();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src/server/backup-cli.ts'), backup],
        { cwd: ROOT, env: { ...process.env, EVENT_DB: db } },
      );
      await writing;
      expect(stdout).toMatch(/backed up .* events, up to seq \d+, log [0-9a-f-]{36}/);
      // And more after it: the restored log is behind what a console saw.
      for (let i = 0; i < 5; i++)
        await first.gateway.hub.publish('erqi', 'incident:open', sampleIncident());
      later = await subscribeOnce(first.url);
      expect(later.seq).toBe(45);
      const [, events = '0', seq = '0'] = /: (\d+) events, up to seq (\d+)/.exec(stdout) ?? [];
      // A consistent copy: every event up to its last seq, none missing.
      expect(Number(events)).toBe(Number(seq));
      expect(Number(seq)).toBeGreaterThanOrEqual(20);
    } finally {
      await first.gateway.close();
    }

    // Restore: the copy in place of the log (its -wal and -shm gone with it), the gateway started.
    copyFileSync(backup, db);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    const restored = await startGateway(['erqi'], false, { eventLog: db });
    try {
      const now = await subscribeOnce(restored.url, {
        sinceSeq: later.seq,
        sinceTime: later.seqTime,
        logId: later.logId,
      });
      expect(now.logId).toBe(later.logId);
      expect(now).toMatchObject({ resync: true, rewound: true });
      expect(now.seq).toBeLessThanOrEqual(40);
      const incidents = (await (
        await fetch(`${restored.url}/api/scenarios/erqi/collections/incidents/items?limit=100`)
      ).json()) as { numberMatched: number };
      expect(incidents.numberMatched).toBe(now.seq);
    } finally {
      await restored.gateway.close();
    }
    // A backup never overwrites a file.
    await expect(
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src/server/backup-cli.ts'), backup],
        { cwd: ROOT, env: { ...process.env, EVENT_DB: db } },
      ),
    ).rejects.toThrow(/exists: name a new file/);
  });
});
