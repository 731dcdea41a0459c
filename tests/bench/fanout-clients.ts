/**
 * Child process of the fan-out bench: `K` socket.io clients of one gateway, in their own process
 * so that their decoding does not run on the gateway's event loop. argv: url, clients, event
 * name ('feed:batch' for the room, 'bench:event' for the naive per-socket copies), subscribe
 * ('1' or '0'). Reports counts and a latency histogram (1 ms buckets) over IPC when told to.
 */
import { io as connect, type Socket } from 'socket.io-client';

const [url = '', countArg = '25', eventName = 'feed:batch', subscribeArg = '1'] =
  process.argv.slice(2);
interface Envelope {
  seq: number;
  time: string;
}
const received: number[] = [];
const outOfOrder: number[] = [];
const histogram = new Array<number>(10_001).fill(0);
const sockets: Socket[] = [];

for (let i = 0; i < Number(countArg); i++) {
  const s = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  // A refused client would leave the bench waiting for it: say why and stop.
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(new Error(`client ${i} refused: ${e.message}`)));
  });
  if (subscribeArg === '1') await s.emitWithAck('feed:subscribe', { scenario: 'erqi' });
  received.push(0);
  outOfOrder.push(0);
  let last = 0;
  s.on(eventName, (payload: Envelope | Envelope[]) => {
    const events = Array.isArray(payload) ? payload : [payload];
    const first = events[0];
    if (!first) return;
    // Publish time (the event's own `time`) to receipt here, on the same machine clock; the
    // batch's oldest event stands for all of it (conservative, and parsing every timestamp
    // would cost the clients more than the gateway spends).
    const now = Date.now();
    const ms = Math.max(0, Math.min(10_000, Math.round(now - Date.parse(first.time))));
    histogram[ms] = (histogram[ms] ?? 0) + events.length;
    received[i] = (received[i] ?? 0) + events.length;
    for (const e of events) {
      if (e.seq <= last) outOfOrder[i] = (outOfOrder[i] ?? 0) + 1;
      last = e.seq;
    }
  });
  sockets.push(s);
}
process.send?.({ ready: true });
const cpuAtStart = process.cpuUsage();
process.on('message', (m: { report?: boolean }) => {
  if (!m.report) return;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.send?.({ received, outOfOrder, histogram, cpuSeconds }, () => {
    for (const s of sockets) s.close();
    process.exit(0);
  });
});
