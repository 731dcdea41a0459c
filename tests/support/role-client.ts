import { io as connect, type Socket } from 'socket.io-client';
import { signToken } from '../../src/server/access/tokens.ts';
import type { Ack, CommandDone, Role } from '../../src/shared/protocol/index.ts';

/**
 * Socket clients of one gateway that sign in with role tokens (or none: a viewer), closed
 * together at the end of a test file.
 */
export function roleClients(base: () => string, secret: string) {
  const sockets: Socket[] = [];
  let keys = 0;
  return {
    client: async (role?: Role, ttl = 600): Promise<Socket> => {
      const auth = role ? { token: await signToken(secret, `user-${role}`, role, ttl) } : {};
      const socket = connect(base(), { transports: ['websocket'], reconnection: false, auth });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    /** A fresh idempotency key. */
    key: () => `key-${Date.now()}-${++keys}`,
    send: async (socket: Socket, name: string, payload: object) =>
      (await socket.emitWithAck(name, payload)) as Ack<CommandDone>,
    close: (): void => {
      for (const s of sockets) s.close();
    },
  };
}
