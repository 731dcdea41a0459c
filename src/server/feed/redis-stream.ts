import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import type { StoredEvent } from './event-store.ts';

/** The Redis stream the shared log lives in: its client, its entries, its follower. */

/**
 * A command Redis has not answered in this long fails (a Redis paused or partitioned must not
 * hold every command of the gateway): longer than the tail's blocking read.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 5_000;

// RESP2: raw replies of XRANGE/XREAD are plain arrays, decoded below. No offline queue: while
// Redis is unreachable a command fails at once with the reason (the client retries it with its
// idempotency key) instead of waiting for the connection to come back.
export const newClient = (url: string) =>
  createClient({
    url,
    RESP: 2,
    disableOfflineQueue: true,
    socket: { connectTimeout: REDIS_COMMAND_TIMEOUT_MS },
  });
export type Client = ReturnType<typeof newClient>;
/** XRANGE / XREAD entry as Redis sends it: [id, [field, value, ...]]. */
export type Entry = [string, string[]];

/** How often a follower checks that the log has not gone back under it. */
const REWIND_CHECK_MS = 1_000;

/** The log's name in Redis: the first node to open it names it, every other reads the same. */
export async function nameLog(client: Client, key: string): Promise<string> {
  await client.sendCommand(['SET', key, randomUUID(), 'NX']);
  const id = await client.sendCommand(['GET', key]);
  if (typeof id !== 'string') throw new Error(`Redis holds no log id at ${key}`);
  return id;
}

export function seqOf(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

export function decode([id, fields]: Entry): StoredEvent {
  const body = JSON.parse(fields[1] ?? '{}') as Omit<StoredEvent, 'seq'> & { scenario: ScenarioId };
  return { seq: seqOf(id), ...body };
}

/**
 * Follows the stream from `after` on the tail's own connection: every event in seq order to
 * `listener` until `closed()`. Once a second (and whenever the stream is quiet) it checks that
 * the log still holds, at the last seq followed, the event it followed there; a Redis restarted
 * from an older snapshot does not (its stream ends earlier, and XREAD from there would wait for
 * ever, or once appends resumed it holds other events at those seqs). Then it names the log
 * again, follows on from the log's newest seq and says so through `rewound`.
 */
export async function followStream(
  tail: Client,
  keys: { stream: string; seq: string; logId: string },
  after: number,
  on: {
    closed: () => boolean;
    listener: (e: StoredEvent) => void;
    rewound: (last: number, logId: string) => void;
    onError: (e: Error) => void;
  },
): Promise<void> {
  let last = after;
  /** The time of the event at `last`, as read: its fingerprint in the log. */
  let lastTime: string | null = null;
  let checkedAt = 0;
  const timeAt = async (seq: number): Promise<string | null> => {
    if (seq === 0) return null;
    const [entry] = await tail.sendCommand<Entry[]>([
      'XRANGE',
      keys.stream,
      `${seq}-0`,
      `${seq}-0`,
    ]);
    return entry ? decode(entry).time : null;
  };
  const sameLog = async (): Promise<boolean> => {
    if (last === 0) return true;
    const time = await timeAt(last);
    return time !== null && (lastTime === null || time === lastTime);
  };
  await tail.connect();
  while (!on.closed()) {
    try {
      if (Date.now() - checkedAt > REWIND_CHECK_MS) {
        checkedAt = Date.now();
        if (!(await sameLog())) {
          const now = Number((await tail.sendCommand<string | null>(['GET', keys.seq])) ?? 0);
          const logId = await nameLog(tail, keys.logId);
          on.onError(
            new Error(`event log went back from seq ${last} to ${now}: rebuilding from it`),
          );
          last = now;
          lastTime = await timeAt(now);
          on.rewound(now, logId);
          continue;
        }
      }
      const reply = await tail.sendCommand<[string, Entry[]][] | null>([
        'XREAD',
        'COUNT',
        '1000',
        'BLOCK',
        '1000',
        'STREAMS',
        keys.stream,
        `${last}-0`,
      ]);
      for (const entry of reply?.[0]?.[1] ?? []) {
        const e = decode(entry);
        if (e.seq !== last + 1) {
          // Trimmed past us while we were away: the live state can no longer be exact.
          on.onError(new Error(`event log skipped from seq ${last} to ${e.seq} (trimmed)`));
        }
        last = e.seq;
        lastTime = e.time;
        on.listener(e);
      }
    } catch (error) {
      if (on.closed()) break;
      on.onError(error as Error);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
