import type { Server } from 'socket.io';
import { z } from 'zod';
import {
  FeedSubscribe,
  type Ack,
  type FeedSubscribed,
  type PositionFrameWire,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { Rejections } from '../metrics.ts';

type Reply<T> = (ack: Ack<T>) => void;

/**
 * The socket side of the gateway: clients join a scenario's room and receive its events.
 * Every incoming message is validated; a bad one is answered with the reason and counted.
 */
export interface FeedSource {
  latestSeq(): number;
  firstSeq(): Promise<number>;
  eventsSince(scenario: ScenarioId, seq: number, limit?: number): Promise<{ seq: number }[]>;
  exercise: boolean;
  /** A full frame of the scenario's positions, sent right after a subscription is answered. */
  positions(scenario: ScenarioId): PositionFrameWire | null;
}

/** Most events a resuming client is sent in its acknowledgement before it is told to refetch. */
const MAX_REPLAY = 5_000;

export function attachFeedSocket(
  io: Server,
  scenarios: ReadonlySet<ScenarioId>,
  rejections: Rejections,
  feed: FeedSource,
): void {
  io.on('connection', (socket) => {
    socket.on('feed:subscribe', (input: unknown, reply: unknown) => {
      const respond: Reply<FeedSubscribed> =
        typeof reply === 'function' ? (reply as Reply<FeedSubscribed>) : () => undefined;
      const parsed = FeedSubscribe.safeParse(input);
      if (!parsed.success) {
        rejections.count('socket', 'feed:subscribe invalid');
        respond({ ok: false, error: z.prettifyError(parsed.error) });
        return;
      }
      const { scenario } = parsed.data;
      if (!scenarios.has(scenario)) {
        rejections.count('socket', 'feed:subscribe unknown scenario');
        respond({ ok: false, error: `scenario ${scenario} is not loaded on this gateway` });
        return;
      }
      for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
      // Join first, then read the log: an event published in between arrives twice at most
      // (the client drops what it has), never zero times.
      void socket.join(`scenario:${scenario}`);
      const seq = feed.latestSeq();
      const since = parsed.data.sinceSeq;
      const answer = (replay: { seq: number }[], resync: boolean) => {
        respond({ ok: true, data: { scenario, seq, exercise: feed.exercise, replay, resync } });
        const frame = feed.positions(scenario);
        if (frame && frame.count > 0) socket.emit('positions:frame', frame);
      };
      if (since === undefined || since >= seq) {
        answer([], false);
        return;
      }
      const missed = async () => {
        if (since < (await feed.firstSeq()) - 1) return null;
        // Events past `seq` (appended by another node, not applied here yet) come by broadcast.
        const events = await feed.eventsSince(scenario, since, MAX_REPLAY + 1);
        return events.length > MAX_REPLAY ? null : events.filter((e) => e.seq <= seq);
      };
      missed().then(
        (replay) => answer(replay ?? [], replay === null),
        (error: unknown) => {
          rejections.count('socket', 'feed:subscribe store error');
          respond({ ok: false, error: `event log unavailable: ${(error as Error).message}` });
        },
      );
    });
  });
}
