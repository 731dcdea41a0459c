/**
 * `npm run bench:noise` — a signed-in console's feed while anonymous sockets flood the gateway
 * with commands they may not send. The gateway runs as `npm start` runs it (its own process); 50
 * anonymous sockets (in a child process) send bursts of 100 commands without pause and come back
 * at once when the gateway cuts them off; the
 * console, signed in, follows the scenario while a relay ingests one incident every 20 ms, and
 * each event's latency is measured from the ingest call to its arrival at the console. Three
 * rounds each of quiet and flooded, in the same run: the figures, their spread and the ratio,
 * and how many audit rows the flood left (none: noise is counted, not stored).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io as connect } from 'socket.io-client';
import { signToken } from '../../src/server/access/tokens.ts';
import { startGatewayProcess } from '../support/processes.ts';
import { sampleIncident } from '../support/samples.ts';
import { median, percentile } from './bench-util.ts';

const SECRET = 'noise-bench-secret-that-is-long-enough-01';
const KEY = 'noise-bench-relay-key-0123456789abcdef';
const EVENTS = Number(process.env.EVENTS ?? 250);
const ROUNDS = 3;

const node = await startGatewayProcess({
  SIMULATOR: 'off',
  TOKEN_SECRET: SECRET,
  READ_ACCESS: 'signed-in',
  MAX_SOCKETS_PER_ADDRESS: '200',
  API_KEYS: JSON.stringify([
    { name: 'relay', channels: ['events'], events: ['incident:open'], key: KEY },
    { name: 'prometheus', channels: ['metrics'], key: 'noise-bench-metrics-key-0123456789' },
  ]),
});
const admin = `Bearer ${await signToken(SECRET, 'bench-admin', 'admin', 3600)}`;
const desk = connect(node.url, {
  transports: ['websocket'],
  reconnection: false,
  auth: { token: await signToken(SECRET, 'bench-desk', 'duty_officer', 3600) },
});
await new Promise<void>((r) => desk.once('connect', () => r()));
await desk.emitWithAck('feed:subscribe', { scenario: 'erqi' });
const arrived = new Map<string, number>();
desk.on('feed:batch', (batch: { type: string; payload: { id: string } }[]) => {
  const now = performance.now();
  for (const e of batch) if (e.type === 'incident:open') arrived.set(e.payload.id, now);
});

/** Audit rows other than the relay's own ingest lines (one per ingest call, as designed). */
async function auditRows(): Promise<number> {
  const res = await fetch(`${node.url}/api/audit?limit=10000`, {
    headers: { authorization: admin },
  });
  const { entries } = (await res.json()) as { entries: { subject: string }[] };
  return entries.filter((e) => e.subject !== 'key:relay').length;
}
async function refused(): Promise<number> {
  const text = await (
    await fetch(`${node.url}/metrics`, {
      headers: { 'x-api-key': 'noise-bench-metrics-key-0123456789' },
    })
  ).text();
  return text
    .split('\n')
    .filter((l) => /^onemap_rejected_total\{channel="(command|socket)"/.test(l))
    .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** Latencies (ms) of EVENTS incidents ingested one every 20 ms. */
async function measure(): Promise<number[]> {
  const sentAt = new Map<string, number>();
  for (let i = 0; i < EVENTS; i++) {
    const incident = sampleIncident();
    sentAt.set(incident.id, performance.now());
    void fetch(`${node.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        scenario: 'erqi',
        events: [{ type: 'incident:open', payload: incident }],
      }),
    });
    await new Promise((r) => setTimeout(r, 20));
  }
  const deadline = performance.now() + 30_000;
  while ([...sentAt.keys()].some((id) => !arrived.has(id)) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const lost = [...sentAt.keys()].filter((id) => !arrived.has(id)).length;
  if (lost > 0) throw new Error(`${lost} events never reached the console`);
  return [...sentAt].map(([id, t]) => (arrived.get(id) ?? t) - t);
}

function flooder(): Promise<ChildProcess> {
  const child = fork(
    fileURLToPath(new URL('./flood-clients.ts', import.meta.url)),
    [node.url, '50'],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

const fmt = (xs: readonly number[]) =>
  `min ${Math.min(...xs).toFixed(1)} / median ${median(xs).toFixed(1)} / max ${Math.max(...xs).toFixed(1)}`;
const quiet = { p50: [] as number[], p99: [] as number[] };
const flooded = { p50: [] as number[], p99: [] as number[], commandsPerS: [] as number[] };
let auditGrowth = 0;
await measure(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  const q = await measure();
  quiet.p50.push(percentile(q, 50));
  quiet.p99.push(percentile(q, 99));
  const child = await flooder();
  const rowsBefore = await auditRows();
  const refusedBefore = await refused();
  const started = performance.now();
  child.send('start');
  await new Promise((r) => setTimeout(r, 500));
  const f = await measure();
  const report = new Promise<{ sent: number; cut: number }>((r) =>
    child.once('message', (m) => r(m as { sent: number; cut: number })),
  );
  child.send('stop');
  const { sent, cut } = await report;
  const seconds = (performance.now() - started) / 1000;
  flooded.p50.push(percentile(f, 50));
  flooded.p99.push(percentile(f, 99));
  flooded.commandsPerS.push(sent / seconds);
  auditGrowth += (await auditRows()) - rowsBefore;
  const counted = (await refused()) - refusedBefore;
  console.log(
    `round ${round + 1}: quiet p50 ${percentile(q, 50).toFixed(1)} ms p99 ${percentile(q, 99).toFixed(1)} ms; flooded (${Math.round(sent / seconds).toLocaleString('en')} commands/s offered, ${counted.toLocaleString('en')} refusals counted, ${cut} cut-offs) p50 ${percentile(f, 50).toFixed(1)} ms p99 ${percentile(f, 99).toFixed(1)} ms`,
  );
}
console.log(
  `\nsigned-in console feed latency, ${EVENTS} incidents ingested at 50/s, ${ROUNDS} rounds:`,
);
console.log(`  quiet      p50 ${fmt(quiet.p50)} ms; p99 ${fmt(quiet.p99)} ms`);
console.log(`  flooded    p50 ${fmt(flooded.p50)} ms; p99 ${fmt(flooded.p99)} ms`);
console.log(
  `  flood      ${fmt(flooded.commandsPerS.map((x) => x / 1000))} thousand commands/s offered by 50 anonymous sockets (cut off and reconnecting)`,
);
console.log(
  `  ratio      p99 flooded / quiet ${(median(flooded.p99) / median(quiet.p99)).toFixed(2)}×`,
);
console.log(
  `  audit rows written by the flood: ${auditGrowth} (the relay's own ingest lines not counted)`,
);
desk.close();
await node.stop();
