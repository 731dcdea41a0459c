import type { GatewayServer } from './gateway-io.ts';
import { z } from 'zod';
import {
  FeedSubscribe,
  redactEvent,
  type Ack,
  type FeedEvent,
  type FeedSubscribed,
  type LogHealth,
  type PositionFrameWire,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { audienceOf } from '../access/principal.ts';
import { refusal, type ReadAccess } from '../access/route-access.ts';
import { feedRoom } from '../feed/rooms.ts';
import type { Noise } from '../security/noise.ts';
import { limiter } from '../security/flood-guard.ts';
import { addressOf, principalOf } from './socket-guard.ts';

type Reply<T> = (ack: Ack<T>) => void;

/**
 * The socket side of the gateway: clients join a scenario's room and receive its events.
 * Every incoming message is validated; a bad one is answered with the reason and counted.
 */
export interface FeedSource {
  latestSeq(): number;
  firstSeq(): Promise<number>;
  logId: string;
  timeAt(seq: number): Promise<string | null>;
  reachWithin(seq: number, ms: number): Promise<boolean>;
  eventsSince(scenario: ScenarioId, seq: number, limit?: number): Promise<{ seq: number }[]>;
  exercise: boolean;
  /** Whether the log takes writes: a console that connects while it does not is told at once. */
  logHealth(): LogHealth;
  /** A full frame of the scenario's positions, sent right after a subscription is answered. */
  positions(scenario: ScenarioId): PositionFrameWire | null;
}

/** Most events a resuming client is sent in its acknowledgement before it is told to refetch. */
const MAX_REPLAY = 5_000;
/** How long a client ahead of this node (it came from another) waits for it to catch up. */
const CATCH_UP_MS = 2_000;
/** Subscriptions a socket may make per second (a burst of 5): each may read the log. */
const SUBSCRIBES_PER_SECOND = 1;

/**
 * `feed:subscribe`: reading the feed is the `read` class (anonymous only where READ_ACCESS is
 * open); each socket joins its audience's room, and the replay in the acknowledgement is shaped
 * for that audience as the live events are. Grid members' positions go to full readers only.
 */
export function attachFeedSocket(
  io: GatewayServer,
  /** The jurisdictions served now (the set grows when a new one is imported). */
  scenarios: { has(id: ScenarioId): boolean },
  noise: Noise,
  readAccess: ReadAccess,
  feed: FeedSource,
): void {
  io.on('connection', (socket) => {
    const principal = principalOf(socket);
    const audience = audienceOf(principal);
    const address = addressOf(socket);
    const allow = limiter(SUBSCRIBES_PER_SECOND, 5);
    const health = feed.logHealth();
    if (!health.writable) socket.emit('log:health', health);
    socket.on('feed:subscribe', (input: unknown, reply: unknown) => {
      const respond: Reply<FeedSubscribed> =
        typeof reply === 'function' ? (reply as Reply<FeedSubscribed>) : () => undefined;
      const refuse = (reason: string, error: string) => {
        noise.record('socket', `feed:subscribe ${reason}`, address);
        respond({ ok: false, error });
      };
      if (!allow()) {
        refuse('rate limited', 'too many subscriptions: at most one a second');
        return;
      }
      const denied = refusal('read', principal, readAccess);
      if (denied) {
        refuse('unauthorised', denied.error);
        return;
      }
      const parsed = FeedSubscribe.safeParse(input);
      if (!parsed.success) {
        refuse('invalid', z.prettifyError(parsed.error));
        return;
      }
      const { scenario } = parsed.data;
      if (!scenarios.has(scenario)) {
        refuse('unknown scenario', `scenario ${scenario} is not loaded on this gateway`);
        return;
      }
      for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
      // Join first, then read the log: an event published in between arrives twice at most
      // (the client drops what it has), never zero times.
      void socket.join(feedRoom(scenario, audience));
      const { sinceSeq: since, sinceTime, logId } = parsed.data;
      const answer = async (
        seq: number,
        replay: { seq: number }[],
        resync: boolean,
        rewound = false,
      ) => {
        const shaped = replay.map((e) => redactEvent(e as FeedEvent, audience));
        const seqTime = await feed.timeAt(seq);
        respond({
          ok: true,
          data: {
            scenario,
            seq,
            seqTime,
            logId: feed.logId,
            exercise: feed.exercise,
            replay: shaped,
            resync,
            rewound,
          },
        });
        const frame = audience === 'full' ? feed.positions(scenario) : null;
        if (frame && frame.count > 0) socket.emit('positions:frame', frame);
      };
      /**
       * What the client missed up to `seq`; null when it must refetch the snapshots instead (the
       * gap is older than the log or too long), 'rewound' when what it holds is void: it
       * followed another log, or this one went back past what it saw (a backup restored, a lost
       * tail).
       */
      const missed = async (): Promise<{
        seq: number;
        replay: { seq: number }[] | null | 'rewound';
      }> => {
        let seq = feed.latestSeq();
        if (since === undefined) return { seq, replay: [] };
        if (logId !== undefined && logId !== feed.logId) return { seq, replay: 'rewound' };
        if (since > seq) {
          if (!(await feed.reachWithin(since, CATCH_UP_MS)))
            return { seq: feed.latestSeq(), replay: 'rewound' };
          seq = feed.latestSeq();
        }
        if (sinceTime !== undefined) {
          const time = await feed.timeAt(since);
          if (time !== null && time !== sinceTime) return { seq, replay: 'rewound' };
        }
        if (since >= seq) return { seq, replay: [] };
        if (since < (await feed.firstSeq()) - 1) return { seq, replay: null };
        // Events past `seq` (appended by another node, not applied here yet) come by broadcast.
        const events = await feed.eventsSince(scenario, since, MAX_REPLAY + 1);
        return {
          seq,
          replay: events.length > MAX_REPLAY ? null : events.filter((e) => e.seq <= seq),
        };
      };
      void (async () => {
        try {
          const { seq, replay } = await missed();
          if (replay === 'rewound') await answer(seq, [], true, true);
          else await answer(seq, replay ?? [], replay === null);
        } catch (error) {
          refuse('store error', `event log unavailable: ${(error as Error).message}`);
        }
      })();
    });
  });
}
