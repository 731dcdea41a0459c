/**
 * `npm run bench:feed` — gateway fan-out on loopback: 100 socket.io clients follow one scenario
 * while the gateway publishes incident events as fast as the log takes them. Prints delivered
 * events/s, publish → receipt latency p50/p99 and losses, and, in the same run, the naive path
 * (an emit per socket instead of one room broadcast) for the ratio.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { startGateway } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { median } from './bench-util.ts';

const CLIENTS = 100;
const EVENTS = 5_000;

const { gateway, url } = await startGateway(['erqi']);

interface Run {
  label: string;
  seconds: number;
  delivered: number;
  lost: number;
  p50: number;
  p99: number;
}

async function run(label: string, naive: boolean): Promise<Run> {
  const clients: Socket[] = [];
  const latencies: number[] = [];
  const sentAt = new Map<number, number>();
  const received = new Array<number>(CLIENTS).fill(0);
  for (let i = 0; i < CLIENTS; i++) {
    const s = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((r) => s.once('connect', () => r()));
    // Naive clients stay out of the room: they get only the per-socket copies.
    if (!naive) await s.emitWithAck('feed:subscribe', { scenario: 'erqi' });
    const onEvent = (e: { seq: number }) => {
      received[i] = (received[i] ?? 0) + 1;
      const t = sentAt.get(e.seq);
      if (t !== undefined) latencies.push(performance.now() - t);
    };
    s.on(naive ? 'bench:event' : 'feed:event', onEvent);
    clients.push(s);
  }
  // The naive path: the same events, emitted to each socket separately (encoded once per client).
  const off = naive
    ? gateway.hub.onEvent((e) => {
        for (const socket of gateway.io.sockets.sockets.values()) socket.emit('bench:event', e);
      })
    : () => undefined;
  const start = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const t = performance.now();
    const r = await gateway.hub.publish('erqi', 'incident:open', sampleIncident());
    if (r.ok) sentAt.set(r.event.seq, t);
    // Yield now and then so sockets flush, as a real gateway between requests does.
    if (i % 100 === 99) await new Promise((r2) => setImmediate(r2));
  }
  const deadline = performance.now() + 30_000;
  while (received.some((n) => n < EVENTS) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - start) / 1000;
  off();
  for (const s of clients) s.close();
  const sorted = latencies.sort((a, b) => a - b);
  const delivered = received.reduce((s, n) => s + n, 0);
  return {
    label,
    seconds,
    delivered,
    lost: CLIENTS * EVENTS - delivered,
    p50: median(sorted),
    p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
  };
}

const results = [
  await run('room broadcast (OneMap)', false),
  await run('emit per socket (naive)', true),
];
console.log(
  `fan-out: ${EVENTS} events to ${CLIENTS} clients on loopback (each event logged to SQLite first)`,
);
for (const r of results) {
  console.log(
    `  ${r.label.padEnd(26)} ${(r.delivered / r.seconds).toFixed(0).padStart(8)} deliveries/s  ` +
      `${(EVENTS / r.seconds).toFixed(0).padStart(6)} events/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  lost ${r.lost}`,
  );
}
const [ours, naive] = results;
if (ours && naive)
  console.log(
    `  ratio: ${(ours.delivered / ours.seconds / (naive.delivered / naive.seconds)).toFixed(2)}× the naive throughput`,
  );
await gateway.close();
