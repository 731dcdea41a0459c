import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { Credentials } from '../access/credentials.ts';
import type { ReadAccess } from '../access/route-access.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { EventStore } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { ConnectionLimits } from '../security/connection-limits.ts';
import type { Noise } from '../security/noise.ts';
import { etaFinder, placeFinder } from '../socket/command-handlers.ts';
import { attachCommands } from '../socket/commands.ts';
import { attachFeedSocket } from '../socket/feed-socket.ts';
import type { GatewayServer } from '../socket/gateway-io.ts';
import { guardSockets } from '../socket/socket-guard.ts';
import type { GatewayOptions } from './gateway-options.ts';
import type { Perimeter } from './http-server.ts';

/**
 * Socket.io on the HTTP server (which exists before `ready`), guarded like HTTP: the
 * perimeter, connection limits, handshake and message rates, the credential.
 */
export function socketServer(
  app: FastifyInstance,
  options: GatewayOptions,
  perimeter: Perimeter,
  credentials: Credentials,
  noise: Noise,
): { io: GatewayServer; limits: ConnectionLimits } {
  const io: GatewayServer = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });
  const limits = new ConnectionLimits(
    options.limits?.socketsPerAddress ?? 50,
    options.limits?.sockets ?? 5_000,
  );
  guardSockets(io, {
    credentials,
    hostAllowed: perimeter.hostAllowed,
    origins: perimeter.origins,
    trustProxy: perimeter.trust,
    limits,
    ...(options.limits?.handshakesPerSecond
      ? { handshakesPerSecond: options.limits.handshakesPerSecond }
      : {}),
    ...(options.limits?.messagesPerSecond
      ? { messagesPerSecond: options.limits.messagesPerSecond }
      : {}),
    noise,
  });
  return { io, limits };
}

/** What sockets may do once the routes are ready: follow the feed, send commands. */
export function attachSocketHandlers(
  io: GatewayServer,
  d: {
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
    hub: FeedHub;
    store: EventStore;
    audit: AuditGate;
    noise: Noise;
    readAccess: ReadAccess;
    exercise: boolean;
  },
): void {
  const { hub, scenarios, exercise } = d;
  attachFeedSocket(io, scenarios, d.noise, d.readAccess, {
    latestSeq: () => hub.latestSeq(),
    firstSeq: () => hub.firstSeq(),
    // Read each time: a rewound Redis log may come back under another name.
    get logId() {
      return hub.logId;
    },
    logHealth: () => hub.health.current,
    timeAt: (seq) => hub.timeAt(seq),
    reachWithin: (seq, ms) => hub.reachWithin(seq, ms),
    eventsSince: (s, seq, limit) => hub.eventsSince(s, seq, limit),
    exercise,
    positions: (s) => hub.telemetry.get(s)?.full() ?? null,
  });
  attachCommands(
    io,
    hub,
    d.store,
    d.audit,
    d.noise,
    {},
    { place: placeFinder(scenarios), eta: etaFinder(scenarios), exercise },
  );
}
