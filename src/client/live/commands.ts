import type { Socket } from 'socket.io-client';
import type { Ack, CommandDone, CommandName } from '../../shared/protocol/index.ts';

let socket: Socket | null = null;

/** The feed's socket carries commands too (one connection, one identity). */
export function setCommandSocket(s: Socket | null): void {
  socket = s;
}

/**
 * Sends a command and waits for its acknowledgement; a fresh idempotency key per call (a retry
 * of the same intent should reuse `key`).
 */
export async function sendCommand(
  name: CommandName,
  payload: Record<string, unknown>,
  key: string = crypto.randomUUID(),
): Promise<Ack<CommandDone>> {
  // Signing in replaces the socket (it reconnects with the new token): a command sent in that
  // moment waits for the connection instead of failing.
  const live = await connectedSocket(5_000);
  if (!live) return { ok: false, error: 'not connected to the gateway' };
  try {
    return (await live
      .timeout(10_000)
      .emitWithAck(name, { ...payload, idempotencyKey: key })) as Ack<CommandDone>;
  } catch {
    return { ok: false, error: 'no answer from the gateway within 10 s' };
  }
}

async function connectedSocket(withinMs: number): Promise<Socket | null> {
  const until = Date.now() + withinMs;
  while (!socket?.connected && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return socket?.connected ? socket : null;
}
