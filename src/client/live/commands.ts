import type { Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  CommandDone,
  CommandInput,
  CommandName,
  ServerToClientEvents,
  Untrusted,
} from '../../shared/protocol/index.ts';

/**
 * The console's socket, typed by the shared contract: what it sends is checked against
 * `ClientToServerEvents`; what it receives is `unknown` until the sequencer or a decoder parsed it.
 */
export type ConsoleSocket = Socket<Untrusted<ServerToClientEvents>, ClientToServerEvents>;

let socket: ConsoleSocket | null = null;

/** The feed's socket carries commands too (one connection, one identity). */
export function setCommandSocket(s: ConsoleSocket | null): void {
  socket = s;
}

/**
 * A fresh idempotency key: 128 random bits as hex. `crypto.getRandomValues`, not `randomUUID`:
 * a desk that opens the console over plain HTTP on the LAN (http://10.x.x.x:8080) is not a
 * secure context, and there `randomUUID` does not exist.
 */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends a command and waits for its acknowledgement; a fresh idempotency key per call (a retry
 * of the same intent should reuse `key`).
 */
export async function sendCommand<N extends CommandName>(
  name: N,
  payload: Omit<CommandInput<N>, 'idempotencyKey'>,
  key: string = newKey(),
): Promise<Ack<CommandDone>> {
  // Signing in replaces the socket (it reconnects with the new token): a command sent in that
  // moment waits for the connection instead of failing.
  const live = await connectedSocket(5_000);
  if (!live) return { ok: false, error: 'not connected to the gateway' };
  try {
    // One signature per command name; TypeScript cannot pick it for a generic `N`.
    const timed = live.timeout(10_000) as unknown as {
      emitWithAck(event: CommandName, input: unknown): Promise<Ack<CommandDone>>;
    };
    return await timed.emitWithAck(name, { ...payload, idempotencyKey: key });
  } catch {
    return { ok: false, error: 'no answer from the gateway within 10 s' };
  }
}

async function connectedSocket(withinMs: number): Promise<ConsoleSocket | null> {
  const until = Date.now() + withinMs;
  while (!socket?.connected && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return socket?.connected ? socket : null;
}
