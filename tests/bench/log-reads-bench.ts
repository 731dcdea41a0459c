/**
 * `npm run bench:log-reads` — expensive reads beside the live feed (issue 20, item 6). A log of
 * EVENTS events: a busy jurisdiction (Kaifeng: team fixes) and a quiet one (Erqi: QUIET
 * incidents spread through it). Measures, on a gateway process:
 *  - `/events?after=0` of the quiet jurisdiction (its index) against the naive scan of the whole
 *    log that reads it without one (same file, same run);
 *  - `/replay?at=` of the quiet jurisdiction, once and again (the shared answer);
 *  - the feed's latency to a console (ingest → `feed:batch`) idle, and while 20 clients replay
 *    distinct moments and read `/events` in loops — p50/p99 and their ratio to idle.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { io as connect } from 'socket.io-client';
import { DEFAULT_RETENTION } from '../../src/server/feed/log-retention.ts';
import { SqliteEventStore } from '../../src/server/feed/sqlite-event-store.ts';
import { TEST_SECRET, signedIn } from '../support/access.ts';
import { startGatewayProcess } from '../support/processes.ts';
import { sampleIncident } from '../support/samples.ts';
import { median, percentile } from './bench-util.ts';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const QUIET = 200;
const KEY = 'log-reads-bench-key-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'onemap-log-reads-'));
const eventLog = join(dir, 'events.sqlite');
const t0 = Date.parse('2026-07-01T00:00:00Z');

// The log, written straight to the store (the bench is about reading it).
const store = new SqliteEventStore(eventLog);
const writing = performance.now();
const every = Math.floor(EVENTS / QUIET);
for (let from = 0; from < EVENTS; from += 10_000) {
  const batch = [];
  for (let i = from; i < Math.min(EVENTS, from + 10_000); i++) {
    const time = new Date(t0 + i * 100).toISOString();
    batch.push(
      i % every === 0
        ? { time, scenario: 'erqi', type: 'incident:open', payload: sampleIncident() }
        : {
            time,
            scenario: 'kaifeng',
            type: 'team:move',
            payload: { id: `KF-T${i % 500}`, position: [114.3 + (i % 1000) * 1e-5, 34.79] },
          },
    );
  }
  store.appendAllNow(batch);
}
console.log(
  `log: ${EVENTS.toLocaleString()} events written in ${Math.round(performance.now() - writing)} ms`,
);

// The naive read: every event after 0, filtered to the quiet jurisdiction.
const naive: number[] = [];
const indexed: number[] = [];
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  let found = 0;
  for (let at = 0; ; ) {
    const page = store.sinceNow(at, 5_000);
    if (page.length === 0) break;
    found += page.filter((e) => e.scenario === 'erqi').length;
    at = page[page.length - 1]?.seq ?? at;
  }
  naive.push(performance.now() - t);
  t = performance.now();
  const quiet = await store.sinceIn('erqi', 0, 5_000);
  indexed.push(performance.now() - t);
  if (found !== quiet.length) throw new Error(`scan found ${found}, index ${quiet.length}`);
}
// One retention pass over it, as a gateway makes after an upgrade (2,000-row chunks).
const thinning = performance.now();
const thinned = await store.compact(DEFAULT_RETENTION, Date.now());
const thinMs = performance.now() - thinning;
await store.close();

const node = await startGatewayProcess({
  EVENT_DB: eventLog,
  SCENARIOS: 'erqi,kaifeng',
  SIMULATOR: 'off',
  READ_ACCESS: 'open',
  TOKEN_SECRET: TEST_SECRET,
  API_KEYS: JSON.stringify([
    { name: 'bench', channels: ['events'], events: ['incident:open', 'incident:update'], key: KEY },
  ]),
  // The bench's clients all come from loopback.
  MAX_SOCKETS_PER_ADDRESS: '1000',
});
const auth = await signedIn();
try {
  const events: number[] = [];
  for (let r = 0; r < 10; r++) {
    const t = performance.now();
    const res = await fetch(`${node.url}/api/scenarios/erqi/events?after=0&limit=5000`, {
      headers: auth,
    });
    const body = (await res.json()) as { events: unknown[] };
    events.push(performance.now() - t);
    if (body.events.length !== QUIET) throw new Error(`events: ${body.events.length}`);
  }
  const at = new Date(t0 + (EVENTS / 2) * 100).toISOString();
  const replayOnce = async () => {
    const t = performance.now();
    const res = await fetch(`${node.url}/api/scenarios/erqi/replay?at=${at}`, { headers: auth });
    if (res.status !== 200) throw new Error(`replay ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - t;
  };
  const firstReplay = await replayOnce();
  const againReplay = median([await replayOnce(), await replayOnce(), await replayOnce()]);

  // The feed's latency to a console: an incident updated through ingest 20 times a second.
  const socket = connect(node.url, {
    transports: ['websocket'],
    auth: { token: auth.authorization.slice(7) },
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  await socket.emitWithAck('feed:subscribe', { scenario: 'erqi' });
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  socket.on('feed:batch', (batch: { payload?: { title?: string } }[]) => {
    const now = performance.now();
    for (const e of batch) {
      const t = sent.get(e.payload?.title ?? '');
      if (t !== undefined) latencies.push(now - t);
    }
  });
  const incident = sampleIncident();
  const feed = async (ms: number) => {
    latencies.length = 0;
    const end = performance.now() + ms;
    for (let n = 0; performance.now() < end; n++) {
      const title = `bench ${n} ${Math.random()}`;
      sent.set(title, performance.now());
      await fetch(`${node.url}/api/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify({
          scenario: 'erqi',
          events: [{ type: 'incident:update', payload: { ...incident, title } }],
        }),
      });
      await sleep(50);
    }
    await sleep(500);
    return [...latencies];
  };
  await fetch(`${node.url}/api/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify({
      scenario: 'erqi',
      events: [{ type: 'incident:open', payload: incident }],
    }),
  });
  const idle = await feed(10_000);

  // 20 readers in a process of their own: distinct moments (the worst case for the shared
  // answers) and /events.
  const readers = fork(
    fileURLToPath(new URL('./log-readers.ts', import.meta.url)),
    [node.url, '20', auth.authorization, String(t0), String(EVENTS), '100'],
    { execArgv: ['--import', 'tsx'] },
  );
  await new Promise((resolve) => readers.once('message', resolve));
  const loaded = await feed(10_000);
  const counted = new Promise<{ replays: number; busy: number }>((resolve) =>
    readers.on('message', (m) => {
      if (typeof m === 'object') resolve(m as { replays: number; busy: number });
    }),
  );
  readers.send('stop');
  const { replays, busy } = await counted;
  socket.close();

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const spread = (xs: number[]) =>
    `median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`;
  console.log(`quiet jurisdiction's ${QUIET} events in a ${EVENTS.toLocaleString()}-event log:`);
  console.log(`  by its index (store): ${spread(indexed)}`);
  console.log(
    `  naive scan of the log: ${spread(naive)} — ${(median(naive) / median(indexed)).toFixed(0)}× slower`,
  );
  console.log(`  GET /events?after=0 (gateway): ${spread(events)}`);
  console.log(
    `first retention pass over the log: ${(thinMs / 1000).toFixed(1)} s, ${thinned.telemetry.toLocaleString()} fixes thinned`,
  );
  console.log(
    `replay of a moment mid-log: first ${ms(firstReplay)}, again (shared answer) ${ms(againReplay)}`,
  );
  const line = (name: string, xs: number[]) =>
    `  ${name}: p50 ${ms(percentile(xs, 50))}, p99 ${ms(percentile(xs, 99))}, max ${ms(Math.max(...xs))} (${xs.length} events)`;
  console.log('feed latency to a console (ingest → feed:batch):');
  console.log(line('idle', idle));
  console.log(line(`with 20 readers (${replays} replays, ${busy} told busy)`, loaded));
  console.log(
    `  p99 ratio loaded/idle: ${(percentile(loaded, 99) / percentile(idle, 99)).toFixed(2)}×`,
  );
} finally {
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
}
