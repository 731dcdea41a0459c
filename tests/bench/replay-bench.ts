/**
 * `npm run bench:replay` — a long-lived log: Kaifeng with EVENTS incident and team events in an
 * SQLite file. Measures the gateway's start-up (rebuilding the live state) and history replays
 * (`GET …/replay?at=`) at a quarter, half and the end of the log, with checkpoints of the live
 * state every 10,000 events and, in the same run, without (the naive fold from the log's start).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/server/feed/sqlite-event-store.ts';
import type { Incident } from '../../src/shared/protocol/index.ts';
import { fetchSignedIn } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import { median } from './bench-util.ts';

const EVENTS = Number(process.env.EVENTS ?? 300_000);
const dir = mkdtempSync(join(tmpdir(), 'onemap-replay-'));
const eventLog = join(dir, 'events.sqlite');

// The log: incidents opened and moved along their statuses, teams going out and coming back,
// one event a second of log time (written straight to the store: the bench is about reading).
const probe = await startGateway(['kaifeng'], false, { eventLog: ':memory:' });
const teams = [...(probe.gateway.hub.live.get('kaifeng')?.teams.keys() ?? [])];
await probe.gateway.close();
const store = new SqliteEventStore(eventLog);
const t0 = Date.parse('2026-07-01T00:00:00Z');
const STATUSES = ['reported', 'confirmed', 'dispatched', 'on_scene', 'resolved', 'closed'] as const;
const written = performance.now();
for (let i = 0; i < EVENTS; i++) {
  const time = new Date(t0 + i * 1000).toISOString();
  if (i % 3 === 2) {
    const id = teams[i % teams.length] ?? 'none';
    store.appendNow({
      time,
      scenario: 'kaifeng',
      type: 'team:status',
      payload: { id, status: i % 2 ? 'dispatched' : 'available' },
    });
    continue;
  }
  const n = Math.floor(i / 12);
  const incident: Incident = {
    id: `BENCH-${n}`,
    type: 'waterlogging',
    severity: 'III',
    status: STATUSES[Math.floor((i % 12) / 2)] ?? 'reported',
    title: `积水 ${n}`,
    description: '',
    position: [114.3 + (n % 100) * 0.001, 34.79],
    address: '',
    countyCode: '410202',
    townshipCode: null,
    villageCode: null,
    reportedAt: new Date(t0 + n * 12_000).toISOString(),
    updatedAt: time,
    assignedTeamIds: [],
    source: 'phone',
    exercise: true,
    sensitive: false,
  };
  store.appendNow({ time, scenario: 'kaifeng', type: 'incident:update', payload: incident });
}
await store.close();
console.log(
  `log: ${EVENTS.toLocaleString('en')} events, ${(statSync(eventLog).size / 1e6).toFixed(0)} MB, written in ${((performance.now() - written) / 1000).toFixed(1)} s`,
);

async function measure(checkpointEvery: number) {
  const started = performance.now();
  const { gateway, url } = await startGateway(['kaifeng'], false, { eventLog, checkpointEvery });
  const startup = performance.now() - started;
  const replays: Record<string, number> = {};
  for (const [name, fraction] of [
    ['¼', 0.25],
    ['½', 0.5],
    ['end', 1],
  ] as const) {
    const at = new Date(t0 + Math.floor(EVENTS * fraction) * 1000 - 500).toISOString();
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      // Replay is for signed-in readers; a refusal would time a 401, so it stops the bench.
      const res = await fetchSignedIn(`${url}/api/scenarios/kaifeng/replay?at=${at}`);
      if (!res.ok) throw new Error(`replay answered ${res.status}: ${await res.text()}`);
      await res.json();
      runs.push(performance.now() - t);
    }
    replays[name] = median(runs);
  }
  await gateway.close();
  return { startup, replays };
}

const naive = await measure(0);
// The first start with checkpoints on writes them while it reads the log (an upgrade's cost,
// paid once); the second is what every later start costs.
const first = await measure(10_000);
const withCheckpoints = await measure(10_000);
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log('| | start-up | replay at ¼ | replay at ½ | replay at end |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, m] of [
  ['fold from the log’s start (naive)', naive],
  ['first start with checkpoints (writes them)', first],
  ['checkpoints every 10,000 events', withCheckpoints],
] as const)
  console.log(
    `| ${name} | ${ms(m.startup)} | ${ms(m.replays['¼'] ?? 0)} | ${ms(m.replays['½'] ?? 0)} | ${ms(m.replays.end ?? 0)} |`,
  );
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
console.log(
  `faster with checkpoints: start-up ${ratio(naive.startup, withCheckpoints.startup)}, replay at the end ${ratio(naive.replays.end ?? 0, withCheckpoints.replays.end ?? 1)}, at ½ ${ratio(naive.replays['½'] ?? 0, withCheckpoints.replays['½'] ?? 1)}`,
);
console.log(`log with checkpoints: ${(statSync(eventLog).size / 1e6).toFixed(0)} MB`);
if (process.env.KEEP) console.log(`kept ${eventLog}`);
else rmSync(dir, { recursive: true, force: true });
