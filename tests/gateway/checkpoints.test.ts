import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../src/server/feed/sqlite-event-store.ts';
import type { Incident } from '../../src/shared/protocol/index.ts';
import { startGateway } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { fetchSignedIn } from '../support/access.ts';

const dir = mkdtempSync(join(tmpdir(), 'onemap-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ours = (incidents: Iterable<string>) =>
  [...incidents].filter((id) => id.startsWith('CK-')).sort();

describe('checkpoints of the live state', () => {
  it('start-up and replay read from the newest checkpoint, not from the log’s first event', async () => {
    const eventLog = join(dir, 'events.sqlite');
    // A checkpoint every 3 events: after CK-3 and after CK-6.
    const first = await startGateway(['erqi'], false, { eventLog, checkpointEvery: 3 });
    const times: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const r = await first.gateway.hub.publish(
        'erqi',
        'incident:open',
        sampleIncident({ id: `CK-${i}` }),
      );
      if (!r.ok) throw new Error(r.error);
      times.push(Date.parse(r.event.time));
      await pause(20);
    }
    await pause(200); // checkpoints are compressed off the event loop
    await first.gateway.close();
    const db = new Database(eventLog);
    expect(db.prepare('SELECT seq FROM checkpoints ORDER BY seq').all()).toEqual([
      { seq: 3 },
      { seq: 6 },
    ]);
    db.close();

    // Keep only the last event: what the state holds beyond CK-7 can only come from a checkpoint.
    const store = new SqliteEventStore(eventLog);
    store.prune(1);
    await store.close();

    const again = await startGateway(['erqi'], false, { eventLog, checkpointEvery: 3 });
    try {
      const live = again.gateway.hub.live.get('erqi');
      expect(ours(live?.incidents.keys() ?? [])).toEqual(
        [1, 2, 3, 4, 5, 6, 7].map((i) => `CK-${i}`),
      );
      expect(live?.seq).toBe(7);
      // Replay to just after CK-5 starts from the checkpoint after CK-3: CK-4 and CK-5 were
      // pruned from the log, so it shows CK-1..CK-3 (from the log's start it would show none).
      const at = new Date((times[4] ?? 0) + 5).toISOString();
      const res = await fetchSignedIn(`${again.url}/api/scenarios/erqi/replay?at=${at}`);
      const body = (await res.json()) as { collections: { incidents: Incident[] } };
      expect(ours(body.collections.incidents.map((x) => x.id))).toEqual(['CK-1', 'CK-2', 'CK-3']);
      // After CK-6: the second checkpoint.
      const later = new Date((times[5] ?? 0) + 5).toISOString();
      const res2 = await fetchSignedIn(`${again.url}/api/scenarios/erqi/replay?at=${later}`);
      const body2 = (await res2.json()) as { collections: { incidents: Incident[] } };
      expect(ours(body2.collections.incidents.map((x) => x.id))).toHaveLength(6);
    } finally {
      await again.gateway.close();
    }

    // Without checkpoints the pruned log alone gives only CK-7: the checkpoint made the difference.
    const naive = await startGateway(['erqi'], false, { eventLog, checkpointEvery: 0 });
    try {
      expect(ours(naive.gateway.hub.live.get('erqi')?.incidents.keys() ?? [])).toEqual(['CK-7']);
    } finally {
      await naive.gateway.close();
    }

    // A damaged checkpoint is counted and skipped (replay from the log instead), not fatal.
    const damage = new Database(eventLog);
    damage.prepare("UPDATE checkpoints SET body = x'00ff' WHERE seq = 6").run();
    damage.close();
    const damaged = await startGateway(['erqi'], false, { eventLog, checkpointEvery: 3 });
    try {
      expect(ours(damaged.gateway.hub.live.get('erqi')?.incidents.keys() ?? [])).toEqual(['CK-7']);
      expect(damaged.gateway.rejections.total('store')).toBe(1);
    } finally {
      await damaged.gateway.close();
    }
  });
});
