/**
 * Child process of the log-reads bench: `N` readers of one gateway in their own process (so
 * their downloads are not timed on the bench's event loop), each alternating a replay of a
 * distinct moment and `/events?after=0` of the quiet jurisdiction until told to stop over IPC;
 * then it reports how many replays were answered and how many were told busy (429).
 * argv: url, readers, authorization, the log's first time (ms), its events, ms per event.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const [url = '', count = '20', authorization = '', t0 = '0', events = '1', step = '100'] =
  process.argv.slice(2);
let stop = false;
let replays = 0;
let busy = 0;
process.on('message', () => (stop = true));

async function reader(i: number): Promise<void> {
  for (let k = 0; !stop; k++) {
    const moment = new Date(
      Number(t0) + ((i * 7919 + k * 104_729) % Number(events)) * Number(step),
    ).toISOString();
    const res = await fetch(
      k % 2
        ? `${url}/api/scenarios/erqi/replay?at=${moment}`
        : `${url}/api/scenarios/erqi/events?after=0&limit=5000`,
      { headers: { authorization } },
    );
    await res.arrayBuffer();
    if (res.status === 429) {
      busy++;
      await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
    } else if (k % 2) replays++;
  }
}

process.send?.('ready');
await Promise.all(Array.from({ length: Number(count) }, (_, i) => reader(i)));
process.send?.({ replays, busy });
process.disconnect();
