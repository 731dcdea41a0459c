/**
 * A log that goes back in time or is replaced: the gateway names its log (a random id made with
 * it), and a console that resumes from a log it did not follow, from a seq beyond the log's
 * newest, or from an event the log now holds differently is told so (`rewound`) and resyncs —
 * never ignoring the new events as "already seen" while its banner says LIVE.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { subscribeOnce } from '../support/subscribe.ts';

const dir = mkdtempSync(join(tmpdir(), 'onemap-log-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'events.db');

/** A gateway on `db`: `events` incidents published, then a subscription as a console resumes. */
async function session(
  events: number,
  resume: Partial<{ sinceSeq: number; sinceTime: string; logId: string }> = {},
) {
  const { gateway, url } = await startGateway(['erqi'], false, { eventLog: db });
  try {
    for (let i = 0; i < events; i++)
      await gateway.hub.publish('erqi', 'incident:open', sampleIncident());
    return await subscribeOnce(url, resume);
  } finally {
    await gateway.close();
  }
}

describe('the log’s identity', () => {
  it('is the same across restarts of one log, and resuming it replays what was missed', async () => {
    const first = await session(3);
    expect(first).toMatchObject({ seq: 3, rewound: false });
    expect(first.logId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.seqTime).not.toBeNull();
    const again = await session(2, {
      sinceSeq: first.seq,
      sinceTime: first.seqTime ?? '',
      logId: first.logId,
    });
    expect(again).toMatchObject({ logId: first.logId, seq: 5, resync: false, rewound: false });
    expect(again.replay.map((e) => (e as { seq: number }).seq)).toEqual([4, 5]);
  });

  it('tells a console that followed the log to seq 12 that a backup restored at seq 5 is behind it', async () => {
    copyFileSync(db, join(dir, 'backup.db'));
    const before = await session(7);
    expect(before.seq).toBe(12);
    // The operator restores the backup taken at seq 5.
    copyFileSync(join(dir, 'backup.db'), db);
    const restored = await session(0, {
      sinceSeq: before.seq,
      sinceTime: before.seqTime ?? '',
      logId: before.logId,
    });
    expect(restored).toMatchObject({ seq: 5, resync: true, rewound: true, replay: [] });
  });

  it('tells it so too once the restored log has grown past its seq again, by the event it saw last', async () => {
    copyFileSync(db, join(dir, 'backup-5.db'));
    const seen = await session(7);
    expect(seen.seq).toBe(12);
    copyFileSync(join(dir, 'backup-5.db'), db);
    // After the restore, new events take seqs 6–14: seq 12 is now another event.
    const grown = await session(9, {
      sinceSeq: seen.seq,
      sinceTime: seen.seqTime ?? '',
      logId: seen.logId,
    });
    expect(grown).toMatchObject({ seq: 14, resync: true, rewound: true, replay: [] });
  });

  it('tells it the log is another one when the file was deleted and begun again', async () => {
    const old = await session(1);
    rmSync(db);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    const fresh = await session(0, {
      sinceSeq: old.seq,
      sinceTime: old.seqTime ?? '',
      logId: old.logId,
    });
    expect(fresh.logId).not.toBe(old.logId);
    expect(fresh).toMatchObject({ seq: 0, resync: true, rewound: true });
  });
});
