/**
 * `npm run bench:feed` — gateway fan-out on loopback: 100 socket.io clients (in 4 child
 * processes, so their decoding is not on the gateway's event loop) follow one scenario while
 * the gateway publishes team position events at a fixed offered rate, each committed to an
 * SQLite file before it is sent. Prints delivered events/s, publish → receipt latency p50/p99,
 * losses and order, and in the same run the naive path (one message per event per socket) at the
 * same offered rate, for the ratio.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway } from '../support/gateway.ts';

const CLIENTS = 100;
const PROCESSES = 4;
const RATE = Number(process.env.RATE ?? 10_000);
const SECONDS = Number(process.env.SECONDS ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'onemap-fanout-'));
const { gateway, url } = await startGateway(['erqi'], false, {
  eventLog: join(dir, 'events.sqlite'),
  // All 100 clients come from 127.0.0.1; the per-address cap (50) is for a LAN's desks.
  limits: { handshakesPerSecond: 10_000, socketsPerAddress: 1_000 },
});
const teams = [...(gateway.hub.live.get('erqi')?.teams.keys() ?? [])];

interface Report {
  received: number[];
  outOfOrder: number[];
  histogram: number[];
  cpuSeconds: number;
}

function percentile(histogram: readonly number[], q: number): number {
  const total = histogram.reduce((s, n) => s + n, 0);
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms] ?? 0;
    if (seen >= total * q) return ms;
  }
  return histogram.length;
}

async function run(label: string, naive: boolean) {
  // The naive path queues every copy in memory; a second of it shows the point without
  // exhausting the heap.
  const EVENTS = naive ? RATE : RATE * SECONDS;
  const children: ChildProcess[] = [];
  const child = fileURLToPath(new URL('./fanout-clients.ts', import.meta.url));
  for (let p = 0; p < PROCESSES; p++) {
    const c = fork(
      child,
      [url, String(CLIENTS / PROCESSES), naive ? 'bench:event' : 'feed:batch', naive ? '0' : '1'],
      { execArgv: ['--import', 'tsx'] },
    );
    await new Promise<void>((resolve, reject) => {
      c.once('message', () => resolve());
      c.once('exit', (code) =>
        reject(new Error(`a client process ended before it was ready (${code})`)),
      );
    });
    children.push(c);
  }
  // The naive path: every event emitted to every socket on its own (encoded once per socket).
  const off = naive
    ? gateway.hub.onEvent((e) => {
        // An event name outside the contract, so the children count the naive path apart.
        for (const socket of gateway.io.sockets.sockets.values())
          (socket as unknown as { emit(name: string, e: unknown): boolean }).emit('bench:event', e);
      })
    : () => undefined;
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  let sent = 0;
  while (sent < EVENTS) {
    // Catch up with the offered rate, then let the loop breathe (sockets flush).
    const due = Math.min(EVENTS, Math.floor(((performance.now() - start) / 1000) * RATE));
    for (; sent < due; sent++) {
      const i = sent % teams.length;
      const r = await gateway.hub.publish('erqi', 'team:move', {
        id: teams[i] ?? '',
        position: [113.6 + (sent % 997) * 1e-4, 34.7 + (sent % 991) * 1e-4],
        bearing: sent % 360,
        speedKmh: 30,
      });
      if (!r.ok) throw new Error(r.error);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  const publishSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const gatewayCpu = (cpu.user + cpu.system) / 1e6 / publishSeconds;
  const reports = await Promise.all(
    children.map(
      (c) =>
        new Promise<Report>((resolve) => {
          // Give stragglers time to arrive before counting.
          setTimeout(() => {
            c.once('message', (m) => resolve(m as Report));
            c.send({ report: true });
          }, 3_000);
        }),
    ),
  );
  off();
  const received = reports.flatMap((r) => r.received);
  const histogram = new Array<number>(10_001).fill(0);
  for (const r of reports)
    r.histogram.forEach((n, ms) => (histogram[ms] = (histogram[ms] ?? 0) + n));
  const delivered = received.reduce((s, n) => s + n, 0);
  return {
    label,
    publishSeconds,
    delivered,
    events: EVENTS,
    missing: CLIENTS * EVENTS - delivered,
    gatewayCpu,
    clientsCpu: reports.reduce((s, r) => s + r.cpuSeconds, 0) / (publishSeconds + 3),
    outOfOrder: reports.flatMap((r) => r.outOfOrder).reduce((s, n) => s + n, 0),
    p50: percentile(histogram, 0.5),
    p99: percentile(histogram, 0.99),
    max: percentile(histogram, 1),
  };
}

const results = [
  await run('batched room broadcast (OneMap)', false),
  await run('message per event per socket (naive)', true),
];
console.log(
  `fan-out: team:move events offered at ${RATE.toLocaleString('en')}/s for ${SECONDS} s (naive: 1 s) ` +
    `to ${CLIENTS} clients in ${PROCESSES} processes on loopback (each event committed to SQLite first)`,
);
for (const r of results) {
  console.log(
    `  ${r.label.padEnd(38)} ${(r.events / r.publishSeconds).toFixed(0).padStart(6)} events/s published  ` +
      `${(r.delivered / CLIENTS / r.publishSeconds).toFixed(0).padStart(6)} events/s per client  ` +
      `p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  ` +
      `not arrived 3 s after the last publish ${r.missing}  out of order ${r.outOfOrder}  ` +
      `CPU cores used: gateway ${r.gatewayCpu.toFixed(2)}, clients ${r.clientsCpu.toFixed(2)}`,
  );
}
const [ours, naive] = results;
if (ours && naive)
  console.log(`  p99 latency: naive / OneMap = ${(naive.p99 / Math.max(1, ours.p99)).toFixed(1)}×`);
await gateway.close();
rmSync(dir, { recursive: true, force: true });
