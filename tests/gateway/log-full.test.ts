/**
 * A full event log (here its EVENT_DB_MAX_MB ceiling, which SQLite refuses exactly as a full
 * disk): commands are answered with what happened and that nothing was stored, the consoles are
 * told at once (and a console connecting meanwhile too), nothing stored before is lost, and once
 * retention has made room — the log's telemetry aged past its window — the log takes writes
 * again by itself, the consoles are told, and the refused command retried is applied once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLogFull } from '../../src/server/feed/event-store.ts';
import type { LogHealth } from '../../src/shared/protocol/index.ts';
import { TEST_SECRET } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';

const METRICS_KEY = 'log-full-metrics-key-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'onemap-log-full-'));
let node: Awaited<ReturnType<typeof startGateway>>;
const clients = roleClients(() => node.url, TEST_SECRET);

beforeAll(async () => {
  node = await startGateway(['erqi'], false, {
    eventLog: join(dir, 'events.sqlite'),
    eventLogMaxBytes: 2 * 1024 * 1024,
    checkpointEvery: 0,
    // Telemetry is thinned once 4 s old, to a fix per team per second; passes only when full.
    retention: { telemetryAfterMs: 4_000, telemetryEveryMs: 1_000, everyMs: 0 },
    apiKeys: [{ name: 'prometheus', channels: ['metrics'], events: [], key: METRICS_KEY }],
  });
});
afterAll(async () => {
  clients.close();
  await node.gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

const incident = (key: string, title: string) => ({
  scenario: 'erqi',
  idempotencyKey: key,
  type: 'waterlogging',
  severity: 'III',
  title,
  description: '',
  position: [113.64, 34.74],
  address: '',
});

async function metric(series: string): Promise<number> {
  const text = await (
    await fetch(`${node.url}/metrics`, { headers: { 'x-api-key': METRICS_KEY } })
  ).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return Number(line?.slice(series.length + 1));
}

const healthOf = (socket: Socket): LogHealth[] => {
  const seen: LogHealth[] = [];
  socket.on('log:health', (h: LogHealth) => seen.push(h));
  return seen;
};

describe('a full event log', () => {
  it('refuses with the reason, alarms the consoles, loses nothing, and recovers once retention made room', async () => {
    const { hub } = node.gateway;
    const officer = await clients.client('duty_officer');
    const told = healthOf(officer);
    const before = await clients.send(officer, 'incident:create', incident(clients.key(), '满前'));
    expect(before.ok).toBe(true);
    expect(await metric('onemap_log_writable')).toBe(1);

    // Team positions until the log refuses one.
    const teams = [...(hub.live.get('erqi')?.teams.keys() ?? [])];
    expect(teams.length).toBeGreaterThan(5);
    let refused: unknown = null;
    let fixes = 0;
    for (let i = 0; refused === null && i < 200_000; i++) {
      try {
        await hub.publish('erqi', 'team:move', {
          id: teams[i % teams.length],
          position: [113.6 + (i % 1000) * 1e-5, 34.7],
          speedKmh: 20,
        });
        fixes++;
      } catch (error) {
        refused = error;
      }
    }
    expect(isLogFull(refused)).toBe(true);
    const last = hub.latestSeq();

    // A command now: told why, nothing stored.
    const key = clients.key();
    const during = await clients.send(officer, 'incident:create', incident(key, '满时'));
    expect(during.ok).toBe(false);
    expect(during.ok ? '' : during.error).toMatch(
      /not stored, try again: the event log is full .*nothing was stored/,
    );
    expect(hub.latestSeq()).toBe(last);
    await expect.poll(() => told.at(-1)?.writable).toBe(false);
    expect(told.at(-1)?.reason).toMatch(/no space left/);
    // A console that connects now is told as it connects (its handler is there before).
    const late = connect(node.url, { transports: ['websocket'], reconnection: false });
    const lateTold = healthOf(late);
    await expect.poll(() => lateTold.length).toBe(1);
    expect(lateTold[0]?.writable).toBe(false);
    expect(await metric('onemap_log_writable')).toBe(0);
    const bytesFull = await metric('onemap_log_bytes');
    expect(bytesFull).toBeGreaterThan(1024 * 1024);

    // Room is made once the fixes are old enough to thin; the log takes writes by itself.
    await expect.poll(() => told.at(-1)?.writable, { timeout: 30_000, interval: 250 }).toBe(true);
    expect(lateTold.at(-1)?.writable).toBe(true);
    expect(await metric('onemap_log_writable')).toBe(1);
    expect(await metric('onemap_log_free_bytes')).toBeGreaterThan(0);
    expect(await metric('onemap_log_dropped_total{kind="telemetry"}')).toBeGreaterThan(fixes / 2);

    const retried = await clients.send(officer, 'incident:create', incident(key, '满时'));
    expect(retried.ok).toBe(true);
    const again = await clients.send(officer, 'incident:create', incident(key, '满时'));
    expect(again).toEqual(retried);
    const titled = (title: string) =>
      [...(hub.live.get('erqi')?.incidents.values() ?? [])].filter((i) => i.title === title);
    expect(titled('满时')).toHaveLength(1);
    expect(titled('满前')).toHaveLength(1);
    late.close();

    // Nothing acknowledged was lost: the state rebuilt from the thinned log is the live one.
    const rebuilt = await hub.stateAt('erqi', Date.now() + 1_000);
    expect(rebuilt?.save().teams).toEqual(hub.live.get('erqi')?.save().teams);
    expect(rebuilt?.save().incidents).toEqual(hub.live.get('erqi')?.save().incidents);
  });
});
