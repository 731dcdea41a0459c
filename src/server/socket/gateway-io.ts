import type { Server, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  Untrusted,
} from '../../shared/protocol/index.ts';

/**
 * The gateway's socket.io server, typed by the shared contract: what it sends is checked
 * against `ServerToClientEvents`; what it receives is `unknown` until a schema has parsed it.
 */
export type GatewayServer = Server<Untrusted<ClientToServerEvents>, ServerToClientEvents>;
export type GatewaySocket = Socket<Untrusted<ClientToServerEvents>, ServerToClientEvents>;
