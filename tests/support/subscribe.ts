import { io as connect } from 'socket.io-client';
import type { Ack, FeedSubscribed, ScenarioId } from '../../src/shared/protocol/index.ts';

/**
 * One subscription as a console makes it (`resume`: the sinceSeq, sinceTime and logId of a
 * console coming back), on a socket of its own closed after the answer.
 */
export async function subscribeOnce(
  url: string,
  resume: Partial<{ sinceSeq: number; sinceTime: string | null; logId: string }> = {},
  scenario: ScenarioId = 'erqi',
): Promise<FeedSubscribed> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false });
  try {
    const ack = (await socket.emitWithAck('feed:subscribe', {
      scenario,
      ...resume,
    })) as Ack<FeedSubscribed>;
    if (!ack.ok) throw new Error(ack.error);
    return ack.data;
  } finally {
    socket.close();
  }
}
