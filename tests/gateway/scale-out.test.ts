import { randomUUID } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisEventStore } from '../../src/server/feed/redis-event-store.ts';
import { checksum, Follower, type Received } from '../support/follower.ts';
import { signedIn } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import {
  failoverProxy,
  startGatewayProcess,
  startRedis,
  type GatewayProcess,
} from '../support/processes.ts';
import { sampleIncident } from '../support/samples.ts';

const KEY = 'scale-out-ingest-key-0123456789abcdef';
/** One key that feeds incidents and reads the whole log back (what a relay between systems does). */
const API_KEYS = JSON.stringify([
  {
    name: 'relay',
    channels: ['events', 'read'],
    events: ['incident:open', 'incident:update'],
    key: KEY,
  },
]);
let redis: Awaited<ReturnType<typeof startRedis>>;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

async function ingest(node: GatewayProcess, events: unknown[]): Promise<void> {
  const res = await fetch(`${node.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify({ scenario: 'erqi', events }),
  });
  const body = (await res.json()) as { accepted: number };
  if (res.status !== 200 || body.accepted !== events.length)
    throw new Error(`ingest on ${node.url}: ${res.status} ${JSON.stringify(body)}`);
}

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every erqi event in a node's log, following the `next` pages. */
async function wholeLog(base: string): Promise<Received[]> {
  const out: Received[] = [];
  for (;;) {
    const res = await fetch(
      `${base}/api/scenarios/erqi/events?after=${out.at(-1)?.seq ?? 0}&limit=5000`,
      { headers: { 'x-api-key': KEY } },
    );
    const { events } = (await res.json()) as { events: Received[] };
    if (events.length === 0) return out;
    out.push(...events);
  }
}

describe('scale-out on Redis', () => {
  it('a client on node A sees events ingested on B; when A is killed it moves to B and resumes without loss; seq stays global and gap-free', async () => {
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: `test-${randomUUID()}`,
      SIMULATOR: 'off',
      API_KEYS,
    };
    const a = await startGatewayProcess(env);
    const b = await startGatewayProcess(env);
    // Clients reach the nodes through a load balancer that prefers A while A is up.
    const proxy = await failoverProxy([a.port, b.port]);
    const viaProxy = new Follower(proxy.url, true, KEY);
    const onB = new Follower(b.url, false, KEY);
    try {
      await Promise.all([viaProxy.connected(), onB.connected()]);
      await Promise.all([viaProxy.subscribe(), onB.subscribe()]);

      // Across nodes, both ways.
      const fromB = sampleIncident();
      await ingest(b, [{ type: 'incident:open', payload: fromB }]);
      await until('B’s event on A', () => viaProxy.incidents.has(fromB.id));
      const fromA = sampleIncident();
      await ingest(a, [{ type: 'incident:open', payload: fromA }]);
      await until('A’s event on B', () => onB.incidents.has(fromA.id));

      // Events keep flowing into B while A is killed mid-stream.
      const ids: string[] = [];
      let killed = false;
      for (let batch = 0; batch < 120; batch++) {
        const events = Array.from({ length: 5 }, (_, k) => {
          const incident = sampleIncident();
          ids.push(incident.id);
          // Some updates of earlier incidents, so order matters for the final state.
          const earlier = ids[ids.length - 3 - k];
          return k === 4 && earlier
            ? {
                type: 'incident:update',
                payload: { ...sampleIncident({ id: earlier }), status: 'confirmed' },
              }
            : { type: 'incident:open', payload: incident };
        });
        await ingest(b, events);
        if (batch === 40) {
          await a.stop('SIGKILL');
          killed = true;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(killed).toBe(true);

      const log = await wholeLog(b.url);
      const last = log.at(-1)?.seq ?? 0;
      await until('the moved client to catch up', () => viaProxy.lastSeq === last);
      expect(viaProxy.connections).toBeGreaterThanOrEqual(2);
      // One global, gap-free sequence across both nodes' writes.
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
      const server = new Map<string, string>();
      for (const e of log) server.set(e.payload.id, e.payload.status);
      expect(checksum(viaProxy.incidents)).toBe(checksum(server));
      await until('the client on B', () => onB.lastSeq === last);
      expect(checksum(onB.incidents)).toBe(checksum(server));
      // B's snapshot reflects the same state and says which seq it is.
      const snapshot = (await (
        await fetch(`${b.url}/api/scenarios/erqi/collections/incidents/items?limit=10000`, {
          headers: { 'x-api-key': KEY },
        })
      ).json()) as { seq: number; features: { id: string; properties: { status: string } }[] };
      expect(snapshot.seq).toBe(last);
      expect(checksum(snapshot.features.map((f) => [f.id, f.properties.status]))).toBe(
        checksum(server),
      );
    } finally {
      viaProxy.socket.close();
      onB.socket.close();
      await proxy.close();
      await a.stop('SIGKILL');
      await b.stop();
    }
  });

  it('runs the simulator on one node at a time, and another node takes it over when that one stops', async () => {
    const extra = {
      redis: { url: redis.url, prefix: `test-${randomUUID()}`, leaseMs: 300 },
      simulator: { speed: 60, seed: 5 },
    };
    const a = await startGateway(['erqi'], false, extra);
    const b = await startGateway(['erqi'], false, extra);
    try {
      const running = () => [a, b].filter((n) => n.gateway.simulators.length > 0);
      await until('a simulator', () => running().length === 1);
      const leader = running()[0];
      const other = leader === a ? b : a;
      // Grid members patrol on the leader; a client of the other node sees them move.
      // Positions are for readers cleared to see people: a signed-in account.
      const client = connect(other.url, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token: (await signedIn()).authorization.slice(7) },
      });
      const moved: unknown[] = [];
      client.on('positions:frame', (raw: { full: boolean }) => {
        if (!raw.full) moved.push(raw);
      });
      await client.emitWithAck('feed:subscribe', { scenario: 'erqi' });
      await until('positions relayed from the leader', () => moved.length > 0);
      client.close();
      await new Promise((r) => setTimeout(r, 700)); // two more lease times: still only one
      expect(running()).toEqual([leader]);
      await leader?.gateway.close();
      await until(
        'the other node to take over',
        () => other.gateway.simulators.length === 1,
        5_000,
      );
    } finally {
      await a.gateway.close().catch(() => undefined);
      await b.gateway.close().catch(() => undefined);
    }
  });

  it('keeps the audit log in Redis too: newest first, filtered', async () => {
    const store = await RedisEventStore.open({ url: redis.url, prefix: `test-${randomUUID()}` });
    try {
      for (const [i, outcome] of (['done', 'refused', 'done'] as const).entries())
        await store.appendAudit({
          time: new Date().toISOString(),
          subject: `officer-${i}`,
          role: 'duty_officer',
          command: 'incident:dispatch',
          scenario: 'erqi',
          target: `I${i}`,
          outcome,
          detail: outcome,
          reason: null,
          before: null,
          after: null,
          seq: null,
        });
      const newest = await store.readAudit({ limit: 2 });
      expect(newest.map((e) => e.target)).toEqual(['I2', 'I1']);
      const done = await store.readAudit({ limit: 10, outcome: 'done' });
      expect(done.map((e) => e.target)).toEqual(['I2', 'I0']);
    } finally {
      await store.close();
    }
  });

  it('commits a command’s events and its record in one script: the retry’s answer names the last seq', async () => {
    const store = await RedisEventStore.open({ url: redis.url, prefix: `test-${randomUUID()}` });
    try {
      const time = new Date().toISOString();
      const stored = await store.appendAll(
        [
          {
            time,
            scenario: 'erqi',
            type: 'team:status',
            payload: { id: 'T1', status: 'dispatched' },
          },
          {
            time,
            scenario: 'erqi',
            type: 'team:status',
            payload: { id: 'T2', status: 'dispatched' },
          },
        ],
        { command: { key: 'officer:key-0001', id: 'CALL-1' } },
      );
      expect(stored.map((e) => e.seq)).toEqual([1, 2]);
      expect(await store.recall('officer:key-0001')).toEqual({
        ok: true,
        data: { seq: 2, id: 'CALL-1' },
      });
      expect((await store.since(0)).map((e) => e.payload)).toEqual(stored.map((e) => e.payload));
      expect(await store.recall('officer:other')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('keeps checkpoints in Redis too: the newest at or before a moment, of the version asked for', async () => {
    const store = await RedisEventStore.open({ url: redis.url, prefix: `test-${randomUUID()}` });
    const body = (text: string) => Buffer.from(text);
    try {
      await store.saveCheckpoint({
        scenario: 'erqi',
        seq: 10,
        timeMs: 1_000,
        version: 1,
        body: body('ten'),
      });
      await store.saveCheckpoint({
        scenario: 'erqi',
        seq: 20,
        timeMs: 2_000,
        version: 1,
        body: body('twenty'),
      });
      await store.saveCheckpoint({
        scenario: 'erqi',
        seq: 30,
        timeMs: 3_000,
        version: 2,
        body: body('v2'),
      });
      await store.saveCheckpoint({
        scenario: 'kaifeng',
        seq: 25,
        timeMs: 2_500,
        version: 1,
        body: body('kf'),
      });
      // Every node writes the same checkpoint: a repeat changes nothing.
      await store.saveCheckpoint({
        scenario: 'erqi',
        seq: 20,
        timeMs: 2_000,
        version: 1,
        body: body('twenty'),
      });
      const at = async (ms: number, version = 1) => {
        const c = await store.checkpointAt('erqi', ms, version);
        return c ? [c.seq, c.timeMs, c.body.toString()] : null;
      };
      expect(await at(Infinity)).toEqual([20, 2_000, 'twenty']);
      expect(await at(1_999)).toEqual([10, 1_000, 'ten']);
      expect(await at(999)).toBeNull();
      expect(await at(Infinity, 2)).toEqual([30, 3_000, 'v2']);
    } finally {
      await store.close();
    }
  });
});
