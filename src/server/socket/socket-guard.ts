import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { GatewayServer, GatewaySocket } from './gateway-io.ts';
import { resolveSecret, type Credentials } from '../access/credentials.ts';
import { ANONYMOUS, type Principal } from '../access/principal.ts';
import type { ConnectionLimits } from '../security/connection-limits.ts';
import { HandshakeRate, SocketFlood } from '../security/flood-guard.ts';
import { originAllowed } from '../security/origins.ts';
import type { Noise } from '../security/noise.ts';

export interface SocketGuardOptions {
  credentials: Credentials;
  /** Host header check (DNS rebinding). */
  hostAllowed: (host: string | undefined) => boolean;
  /** Browser origins allowed besides the gateway's own (parsed, normalised). */
  origins: ReadonlySet<string>;
  /** Which peers are proxies whose X-Forwarded-For names the client (null: none). */
  trustProxy: ((addr: string, hop: number) => boolean) | null;
  limits: ConnectionLimits;
  /** New sockets a second from one address (reconnecting in a loop is refused past it). */
  handshakesPerSecond?: number;
  /** Messages a second one socket may send, whatever they are. */
  messagesPerSecond?: number;
  noise: Noise;
}

/** What the gateway knows of a socket's client, kept on `socket.data`. */
export interface SocketData {
  principal: Principal;
  address: string;
}

export const principalOf = (socket: GatewaySocket): Principal =>
  (socket.data as Partial<SocketData>).principal ?? ANONYMOUS;
export const addressOf = (socket: GatewaySocket): string =>
  (socket.data as Partial<SocketData>).address ?? 'unknown';

/**
 * The socket's doors: at the handshake the Host and the Origin are checked (parsed, never
 * trusted to parse), the client's sockets are counted against the limits, and the credential is
 * turned into a principal (none: anonymous; a wrong one is refused, never anonymous).
 */
export function guardSockets(io: GatewayServer, o: SocketGuardOptions): void {
  const handshakes = new HandshakeRate(o.handshakesPerSecond ?? 10);
  const addressOfRequest = (req: IncomingMessage) => {
    try {
      return o.trustProxy ? proxyAddr(req, o.trustProxy) : (req.socket.remoteAddress ?? 'unknown');
    } catch {
      return req.socket.remoteAddress ?? 'unknown';
    }
  };
  io.engine.opts.allowRequest = (req, callback) => {
    const address = addressOfRequest(req);
    const refuse = (reason: string, message: string) => {
      o.noise.record('socket', reason, address);
      callback(message, false);
    };
    const { host, origin } = req.headers;
    if (!o.hostAllowed(host)) {
      refuse('host not allowed', 'host not allowed');
      return;
    }
    if (!originAllowed(origin, host, o.origins)) {
      refuse('origin not allowed', `origin not allowed`);
      return;
    }
    // Only a new session counts; the polling requests of an open one pass.
    const sid = new URLSearchParams(req.url?.split('?')[1] ?? '').get('sid');
    if (sid === null) {
      const full = o.limits.refusal(address);
      if (full) {
        refuse('too many sockets', full);
        return;
      }
      if (!handshakes.admit(address)) {
        refuse('too many new connections', 'too many new connections from this address');
        return;
      }
    }
    callback(null, true);
  };
  io.engine.on(
    'connection',
    (raw: { request: IncomingMessage; on(e: 'close', f: () => void): void }) => {
      const address = addressOfRequest(raw.request);
      o.limits.opened(address);
      raw.on('close', () => o.limits.closed(address));
    },
  );
  // Garbage handshakes (bad transport, sid, method or protocol) are answered 400 by engine.io;
  // count them. Code 4 (forbidden) is our own refusal above, already counted.
  io.engine.on('connection_error', (e: { req: IncomingMessage; code: number; message: string }) => {
    if (e.code !== 4) o.noise.record('socket', `handshake: ${e.message}`, addressOfRequest(e.req));
  });

  io.use((socket, next) => {
    const address = addressOfRequest(socket.request);
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (token !== undefined && typeof token !== 'string') {
      o.noise.record('socket', 'bad token', address);
      next(new Error('invalid token: not a string'));
      return;
    }
    void resolveSecret(token, o.credentials).then((r) => {
      if (!r.ok) {
        o.noise.record('socket', 'bad token', address);
        next(new Error(r.error));
        return;
      }
      if (r.principal.kind === 'key' && !r.principal.key.channels.has('read')) {
        o.noise.record('socket', 'ingest key on the socket', address);
        next(new Error('API keys without the read channel are for HTTP ingest, not the socket'));
        return;
      }
      const data: SocketData = { principal: r.principal, address };
      socket.data = data;
      // Every message the socket sends passes here first: over the rate it is dropped unread,
      // and a client that keeps flooding is cut off.
      const flood = new SocketFlood(o.messagesPerSecond ?? 50);
      let cut = false;
      socket.use((packet, pass) => {
        // What was already on its way from a socket being cut off is dropped unread.
        if (cut) return;
        const verdict = flood.admit();
        if (verdict === 'ok') {
          pass();
          return;
        }
        // A command waiting for its answer is told why it was not read.
        const ack: unknown = packet[packet.length - 1];
        if (typeof ack === 'function')
          (ack as (a: { ok: false; error: string }) => void)({
            ok: false,
            error: 'too many messages: slow down',
          });
        o.noise.record(
          'socket',
          verdict === 'cut' ? 'flooding, disconnected' : 'message rate',
          address,
        );
        if (verdict === 'cut') {
          cut = true;
          socket.disconnect(true);
        }
      });
      next();
    });
  });
}
