import type { Server } from 'socket.io';
import { z } from 'zod';
import {
  FeedSubscribe,
  type Ack,
  type FeedSubscribed,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { Rejections } from '../metrics.ts';

type Reply<T> = (ack: Ack<T>) => void;

/**
 * The socket side of the gateway: clients join a scenario's room and receive its events.
 * Every incoming message is validated; a bad one is answered with the reason and counted.
 */
export function attachFeedSocket(
  io: Server,
  scenarios: ReadonlySet<ScenarioId>,
  rejections: Rejections,
  latestSeq: (scenario: ScenarioId) => number,
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
      void socket.join(`scenario:${scenario}`);
      respond({ ok: true, data: { scenario, seq: latestSeq(scenario) } });
    });
  });
}
