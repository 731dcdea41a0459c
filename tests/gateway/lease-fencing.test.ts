/**
 * The simulator runs on one node at a time, and a node paused past its lease (SIGSTOP: a long
 * GC, a frozen VM) cannot write beside the node that took over when it wakes: its appends carry
 * the lease and the log's script refuses them unless that node holds it now.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { FencedError } from '../../src/server/feed/event-store.ts';
import { RedisEventStore } from '../../src/server/feed/redis-event-store.ts';
import { sampleIncident } from '../support/samples.ts';
import { startGatewayProcess, startRedis, type GatewayProcess } from '../support/processes.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
const nodes: GatewayProcess[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const n of nodes) {
    n.child.kill('SIGCONT');
    await n.stop();
  }
  await redis.stop();
});

const envelope = () => ({
  time: new Date().toISOString(),
  scenario: 'erqi',
  type: 'incident:open',
  payload: sampleIncident(),
});

describe('fenced appends', () => {
  it('are taken while their holder has the lease, and refused (nothing stored) once another has it', async () => {
    const prefix = `fence-${randomUUID()}`;
    const store = await RedisEventStore.open({ url: redis.url, prefix });
    try {
      const lease = store.leaseKey('simulator');
      const fence = { key: lease, holder: 'node-a' };
      await store.send(['SET', lease, 'node-a', 'PX', '10000']);
      const taken = await store.append(envelope(), { fence });
      expect(taken.seq).toBe(1);
      await store.send(['SET', lease, 'node-b', 'PX', '10000']);
      await expect(store.append(envelope(), { fence })).rejects.toBeInstanceOf(FencedError);
      await expect(store.appendAll([envelope(), envelope()], { fence })).rejects.toThrow(
        /this node lost its lease/,
      );
      // Expired and not yet taken: not held either.
      await store.send(['DEL', lease]);
      await expect(store.append(envelope(), { fence })).rejects.toBeInstanceOf(FencedError);
      expect((await store.bounds()).last).toBe(1);
      // Unfenced appends (commands, ingest) go on regardless.
      expect((await store.append(envelope())).seq).toBe(2);
    } finally {
      await store.close();
    }
  });
});

describe('a lease holder paused past its lease', () => {
  it('leaves exactly one simulator writing: the paused one’s appends after the takeover are refused', async () => {
    const prefix = `fence-${randomUUID()}`;
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      REDIS_LEASE_MS: '1000',
      SIMULATOR: 'on',
      // An hour of exercise a second: events every tick.
      SIM_SPEED: '3600',
    };
    const admin = createClient({ url: redis.url, RESP: 2 });
    await admin.connect();
    onTestFinished(() => admin.close());
    /** The simulator's entries in the log, each with the node that wrote it. */
    const written = async () => {
      const entries = await admin.sendCommand<[string, string[]][]>([
        'XRANGE',
        `${prefix}:events`,
        '-',
        '+',
      ]);
      return entries.flatMap(([, fields]) => {
        const by = fields[fields.indexOf('by') + 1];
        return fields.includes('by') && by ? [by] : [];
      });
    };
    const a = await startGatewayProcess(env);
    nodes.push(a);
    const byA = `${hostname()}:${a.child.pid}:`;
    await expect
      .poll(async () => (await written()).filter((w) => w.startsWith(byA)).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    const b = await startGatewayProcess(env);
    nodes.push(b);
    const byB = `${hostname()}:${b.child.pid}:`;

    a.child.kill('SIGSTOP');
    await expect
      .poll(async () => (await written()).filter((w) => w.startsWith(byB)).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await sleep(1_000);
    a.child.kill('SIGCONT');
    // A wakes with its timers overdue: its simulator ticks before it learns the lease is gone.
    await sleep(3_000);

    const all = await written();
    const takeover = all.findIndex((w) => w.startsWith(byB));
    expect(takeover).toBeGreaterThan(0);
    expect(all.slice(0, takeover).every((w) => w.startsWith(byA))).toBe(true);
    expect(all.slice(takeover).filter((w) => !w.startsWith(byB))).toEqual([]);
    // B goes on; A is alive and serving, just not simulating.
    const later = (await written()).length;
    await expect
      .poll(async () => (await written()).length, { timeout: 10_000 })
      .toBeGreaterThan(later);
    expect((await fetch(`${a.url}/api/health`)).status).toBe(200);
  });
});
