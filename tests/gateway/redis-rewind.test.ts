/**
 * A shared Redis restarted from an older snapshot: the log goes back under a running gateway.
 * The node notices (the event it followed last is no longer in the log at its seq), rebuilds its
 * live state from the log as it now is, and tells its consoles, who subscribe again, are told
 * what they hold is void, and follow the restored log; commands after it are applied.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, FeedSubscribed } from '../../src/shared/protocol/index.ts';
import { startGateway } from '../support/gateway.ts';
import { startRedis } from '../support/processes.ts';
import { sampleIncident } from '../support/samples.ts';

const dir = mkdtempSync(join(tmpdir(), 'onemap-redis-rewind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a Redis restarted from an older snapshot', () => {
  it('is noticed by the gateway, which rebuilds from it and sends its consoles to resync', async () => {
    // Without its append-only file, so that a restart loads the older snapshot (the gateway
    // is told to run on such a Redis anyway).
    let redis = await startRedis({ dir, durable: false });
    const { gateway, url } = await startGateway(['erqi'], false, {
      redis: { url: redis.url, prefix: `rewind-${randomUUID()}`, unsafe: 'warn' },
    });
    const socket = connect(url, { transports: ['websocket'], reconnection: false });
    const subscribe = async (resume: object = {}) => {
      const ack = (await socket.emitWithAck('feed:subscribe', {
        scenario: 'erqi',
        ...resume,
      })) as Ack<FeedSubscribed>;
      if (!ack.ok) throw new Error(ack.error);
      return ack.data;
    };
    const incidents = async () =>
      (
        (await (await fetch(`${url}/api/scenarios/erqi/collections/incidents/items`)).json()) as {
          numberMatched: number;
        }
      ).numberMatched;
    try {
      await subscribe();
      for (let i = 0; i < 5; i++)
        await gateway.hub.publish('erqi', 'incident:open', sampleIncident());
      // The snapshot an operator will restore: five incidents.
      const admin = createClient({ url: redis.url });
      await admin.connect();
      await admin.sendCommand(['SAVE']);
      await admin.close();
      for (let i = 0; i < 5; i++)
        await gateway.hub.publish('erqi', 'incident:open', sampleIncident());
      expect(await incidents()).toBe(10);
      const seen = await subscribe();
      expect(seen.seq).toBe(10);

      const told = new Promise<{ logId: string }>((resolve) =>
        socket.once('feed:rewound', resolve),
      );
      await redis.stop();
      redis = await startRedis({ dir, port: redis.port, durable: false });
      const { logId } = await told;
      expect(logId).toBe(seen.logId);
      await expect.poll(incidents, { timeout: 10_000 }).toBe(5);
      const again = await subscribe({
        sinceSeq: seen.seq,
        sinceTime: seen.seqTime,
        logId: seen.logId,
      });
      expect(again).toMatchObject({ seq: 5, resync: true, rewound: true });

      // Commands after the restore are applied and reach the console.
      const next = new Promise<{ seq: number }[]>((resolve) => socket.once('feed:batch', resolve));
      const r = await gateway.hub.publish('erqi', 'incident:open', sampleIncident());
      expect(r.ok && r.event.seq).toBe(6);
      expect((await next).map((e) => e.seq)).toEqual([6]);
      expect(await incidents()).toBe(6);
    } finally {
      socket.close();
      await gateway.close();
      await redis.stop();
    }
  });
});
