/**
 * A Redis the log cannot trust is refused at start (no append-only file, or a policy that may
 * evict keys) unless the operator says to run anyway; a Redis at its maxmemory (noeviction, as
 * required) refuses appends, which the gateway treats as a full log: commands answered with the
 * reason, consoles alarmed, and writes taken again by themselves once Redis has room.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLogFull } from '../../src/server/feed/event-store.ts';
import type { LogHealth } from '../../src/shared/protocol/index.ts';
import { TEST_SECRET } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import { startRedis } from '../support/processes.ts';
import { roleClients } from '../support/role-client.ts';

let durable: Awaited<ReturnType<typeof startRedis>>;
let unsafe: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  durable = await startRedis();
  unsafe = await startRedis({ durable: false });
});
afterAll(async () => {
  await durable.stop();
  await unsafe.stop();
});

describe('a Redis that does not promise to keep the log', () => {
  it('is refused at start with what is wrong and how to set it', async () => {
    await expect(
      startGateway(['erqi'], false, { redis: { url: unsafe.url, prefix: `u-${randomUUID()}` } }),
    ).rejects.toThrow(
      /refusing to keep the event log in this Redis: appendonly is off: a Redis restart loses acknowledged events \(set appendonly yes.*REDIS_UNSAFE=warn/,
    );
  });

  it('is used when the operator says so (REDIS_UNSAFE=warn)', async () => {
    const node = await startGateway(['erqi'], false, {
      redis: { url: unsafe.url, prefix: `u-${randomUUID()}`, unsafe: 'warn' },
    });
    expect((await fetch(`${node.url}/api/health`)).status).toBe(200);
    await node.gateway.close();
  });
});

describe('a Redis at its maxmemory', () => {
  it('makes a full log: refused with the reason, consoles alarmed, writes again once it has room', async () => {
    const node = await startGateway(['erqi'], false, {
      redis: { url: durable.url, prefix: `oom-${randomUUID()}` },
      checkpointEvery: 0,
    });
    const clients = roleClients(() => node.url, TEST_SECRET);
    const admin = createClient({ url: durable.url });
    await admin.connect();
    try {
      const officer = await clients.client('duty_officer');
      const told: LogHealth[] = [];
      officer.on('log:health', (h: LogHealth) => told.push(h));
      const info = await admin.sendCommand<string>(['INFO', 'memory']);
      const used = Number(/used_memory:(\d+)/.exec(info)?.[1]);
      await admin.sendCommand(['CONFIG', 'SET', 'maxmemory', String(used + 512 * 1024)]);

      const { hub } = node.gateway;
      const teams = [...(hub.live.get('erqi')?.teams.keys() ?? [])];
      let refused: unknown = null;
      for (let i = 0; refused === null && i < 100_000; i++)
        await hub
          .publish('erqi', 'team:move', { id: teams[i % teams.length], position: [113.6, 34.7] })
          .catch((e: unknown) => (refused = e));
      expect(isLogFull(refused)).toBe(true);

      const key = clients.key();
      const call = {
        scenario: 'erqi',
        idempotencyKey: key,
        type: 'waterlogging',
        severity: 'III',
        title: 'Redis 满时',
        description: '',
        position: [113.64, 34.74],
        address: '',
      };
      const during = await clients.send(officer, 'incident:create', call);
      expect(during.ok ? '' : during.error).toMatch(
        /the event log is full \(Redis is at its maxmemory\): nothing was stored/,
      );
      await expect.poll(() => told.at(-1)?.writable).toBe(false);
      const late = connect(node.url, { transports: ['websocket'], reconnection: false });
      const lateTold: LogHealth[] = [];
      late.on('log:health', (h: LogHealth) => lateTold.push(h));
      await expect.poll(() => lateTold[0]?.writable).toBe(false);
      late.close();

      // The operator gives Redis room.
      await admin.sendCommand(['CONFIG', 'SET', 'maxmemory', '0']);
      await expect.poll(() => told.at(-1)?.writable, { timeout: 15_000 }).toBe(true);
      const retried = await clients.send(officer, 'incident:create', call);
      expect(retried.ok).toBe(true);
      const titled = [...(hub.live.get('erqi')?.incidents.values() ?? [])].filter(
        (i) => i.title === 'Redis 满时',
      );
      expect(titled).toHaveLength(1);
    } finally {
      await admin.sendCommand(['CONFIG', 'SET', 'maxmemory', '0']);
      await admin.close();
      clients.close();
      await node.gateway.close();
    }
  });
});
