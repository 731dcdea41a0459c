import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import proxyAddr from '@fastify/proxy-addr';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { GatewayServer } from './socket/gateway-io.ts';
import {
  packPositionFrame,
  unpackPositionFrame,
  type ScenarioId,
} from '../shared/protocol/index.ts';
import { AuditGate } from './access/audit-gate.ts';
import type { Credentials } from './access/credentials.ts';
import { guardRoutes, type GuardedRoute } from './access/http-guard.ts';
import { KeyRing, type ApiKeyEntry, type WallKeyEntry } from './access/keys.ts';
import type { ReadAccess } from './access/route-access.ts';
import type { EntityCollection } from './data/collection.ts';
import { loadScenario, type ScenarioData } from './data/scenario-store.ts';
import type { EventStore } from './feed/event-store.ts';
import { holdLease } from './feed/leader-lease.ts';
import { RedisEventStore } from './feed/redis-event-store.ts';
import { SqliteEventStore } from './feed/sqlite-event-store.ts';
import { FeedHub } from './feed/feed-hub.ts';
import { LIVE_COLLECTIONS, type LiveId } from './feed/live-state.ts';
import { WarningExpiry } from './feed/warning-expiry.ts';
import { auditRoutes } from './http/audit-routes.ts';
import { dispatchRoutes } from './http/dispatch-routes.ts';
import { appFileMatcher, appFiles } from './http/app-files.ts';
import { clientErrorHandler, replyToErrors } from './http/errors-reply.ts';
import { feedRoutes } from './http/feed-routes.ts';
import { healthRoutes } from './http/health-routes.ts';
import { ingestRoutes } from './http/ingest-routes.ts';
import { ogcRoutes } from './http/ogc-routes.ts';
import { planRoutes } from './http/plan-routes.ts';
import { replayRoutes } from './http/replay-routes.ts';
import { sessionRoutes } from './http/session-routes.ts';
import { Rejections } from './metrics.ts';
import type { Operator } from './operators.ts';
import { ConnectionLimits } from './security/connection-limits.ts';
import { securityHeaders } from './security/headers.ts';
import { hostAllowlist } from './security/hosts.ts';
import { Noise } from './security/noise.ts';
import { originOf } from './security/origins.ts';
import { Simulator } from './sim/simulator.ts';
import { etaFinder, placeFinder } from './socket/command-handlers.ts';
import { attachCommands } from './socket/commands.ts';
import { attachFeedSocket } from './socket/feed-socket.ts';
import { guardSockets } from './socket/socket-guard.ts';
import { tileRoutes, type TileOptions } from './tiles/tile-routes.ts';

export interface GatewayOptions {
  /** Folder holding fixtures/<scenario>/ as written by `npm run fixtures`. */
  fixturesDir: string;
  /** SQLite file of the event log (created if missing); ':memory:' for throwaway tests. */
  eventLog: string;
  /**
   * Scale-out: the event log and bus shared by every gateway node in this Redis (the SQLite
   * file is then unused), and the simulator runs on one node at a time.
   */
  redis?: { url: string; prefix?: string; leaseMs?: number } | null;
  /** HS256 secret of the role tokens; without it no one can sign in. */
  tokenSecret?: string | null;
  /** People who may sign in (`POST /api/session`). */
  operators?: readonly Operator[];
  /** Who reads the read API: anyone (shaped for the public) or only those signed in. */
  readAccess?: ReadAccess;
  /** Machine clients' keys: ingest channels, OGC reading, metrics. */
  apiKeys?: readonly ApiKeyEntry[];
  /** Walls' keys, each public or internal. */
  wallKeys?: readonly WallKeyEntry[];
  /** Browser origins allowed besides the gateway's own (e.g. a Vite dev server). */
  allowedOrigins?: readonly string[];
  /** Host names the gateway answers to besides loopback and its own names and addresses. */
  allowedHosts?: readonly string[];
  /** Addresses or CIDRs of the proxies in front, whose X-Forwarded-For is believed. */
  trustProxy?: readonly string[];
  /** Built-in HTTPS (PEM certificate chain and key); HSTS goes with it. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  /** Other origins the console's pages may load from (Content-Security-Policy). */
  contentSources?: readonly string[];
  /** Who may frame the pages (CSP frame-ancestors); none by default. */
  frameAncestors?: readonly string[];
  /** Sockets per client address and in all; new sockets and messages a second (per address / socket). */
  limits?: {
    socketsPerAddress?: number;
    sockets?: number;
    handshakesPerSecond?: number;
    messagesPerSecond?: number;
  };
  /** Run the exercise simulator as the feed. */
  simulator: { speed: number; seed: number } | null;
  /**
   * Events of a scenario between checkpoints of its live state in the log (start-up and replay
   * read from the newest one); 0 turns them off. Default 10,000.
   */
  checkpointEvery?: number | undefined;
  /** The data is exercise data (watermarked everywhere); defaults to whether the simulator runs. */
  exercise?: boolean | undefined;
  /** Built app (vite build output); omitted in API-only tests. */
  staticDir?: string;
  scenarios: readonly ScenarioId[];
  logger?: boolean;
  /** Basemaps: the tile proxy's cache and upstreams, presets on offer (see `tileRoutes`). */
  tiles?: TileOptions;
}

export interface Gateway {
  app: FastifyInstance;
  io: GatewayServer;
  scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
  rejections: Rejections;
  hub: FeedHub;
  simulators: Simulator[];
  /** Every HTTP route with its access class (what the authorisation test is generated from). */
  routes: readonly GuardedRoute[];
  /** Starts listening; resolves to the URL (port 0 picks a free one). */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the gateway without side effects: nothing listens until `listen` is called. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const scenarios = new Map<ScenarioId, ScenarioData>();
  for (const id of options.scenarios) scenarios.set(id, loadScenario(options.fixturesDir, id));
  const rejections = new Rejections();
  const readAccess = options.readAccess ?? 'signed-in';
  const keys = new KeyRing(options.apiKeys, options.wallKeys);
  const credentials: Credentials = { tokenSecret: options.tokenSecret ?? null, keys };
  const exercise = options.exercise ?? options.simulator !== null;
  const trust = options.trustProxy?.length ? proxyAddr.compile([...options.trustProxy]) : null;
  const origins = new Set(
    (options.allowedOrigins ?? []).map((o) => {
      const parsed = originOf(o);
      if (!parsed) throw new Error(`ALLOWED_ORIGINS: "${o}" is not an http(s) origin`);
      return parsed;
    }),
  );
  const hostAllowed = hostAllowlist(options.allowedHosts ?? []);

  // Refusals are summed into one gateway log line a minute (the app's logger, made just below).
  const noise = new Noise(rejections, (line) => app.log.warn(line));
  // Typed as the plain HTTP instance: the routes do not care which server carries them.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    ...(trust ? { trustProxy: trust } : {}),
    // Slow or never-finished requests (slowloris) do not hold sockets forever.
    requestTimeout: 60_000,
    clientErrorHandler: clientErrorHandler(noise),
  }) as unknown as FastifyInstance;
  const started = Date.now();
  replyToErrors(app, rejections, noise);

  // Before anything else: a request for another host is DNS rebinding or a mistake.
  app.addHook('onRequest', async (req, reply) => {
    if (hostAllowed(req.headers.host)) return;
    noise.record('http', 'host not allowed', req.ip);
    return reply.code(421).send({
      code: 'MisdirectedRequest',
      description: `this gateway does not answer to the host "${req.headers.host ?? ''}" (ALLOWED_HOSTS)`,
    });
  });
  await securityHeaders(app, {
    tls: Boolean(options.tls),
    // A custom basemap's style and tiles come from its own server.
    sources: [
      ...(options.contentSources ?? []),
      ...(options.tiles?.styleUrl ? [new URL(options.tiles.styleUrl).origin] : []),
    ],
    frameAncestors: options.frameAncestors ?? [],
  });
  const store: EventStore = options.redis
    ? await RedisEventStore.open({
        ...options.redis,
        onError: (e) => app.log.error(e, 'event store (redis)'),
      })
    : new SqliteEventStore(options.eventLog);
  const audit = new AuditGate(store, rejections, noise);
  const routes = guardRoutes(app, {
    credentials,
    readAccess,
    audit,
    noise,
    isAppFile: appFileMatcher(options.staticDir),
  });

  // Socket.io attaches to the HTTP server, which exists before `ready`.
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
    hostAllowed,
    origins,
    trustProxy: trust,
    limits,
    ...(options.limits?.handshakesPerSecond
      ? { handshakesPerSecond: options.limits.handshakesPerSecond }
      : {}),
    ...(options.limits?.messagesPerSecond
      ? { messagesPerSecond: options.limits.messagesPerSecond }
      : {}),
    noise,
  });
  const hub = await FeedHub.open(store, scenarios, io, rejections, options.checkpointEvery);
  healthRoutes(app, { io, limits, rejections, noise, started, scenarios: [...scenarios.keys()] });
  ogcRoutes(app, scenarios, readAccess, (scenario, collection) => {
    const state = hub.live.get(scenario);
    return state && LIVE_COLLECTIONS.has(collection)
      ? { collection: state.collection(collection as LiveId), seq: hub.latestSeq() }
      : null;
  });
  feedRoutes(app, hub);
  replayRoutes(app, hub);
  dispatchRoutes(app, scenarios, hub);
  sessionRoutes(app, options.operators ?? [], options.tokenSecret ?? null, noise, readAccess);
  auditRoutes(app, store);
  planRoutes(app, hub, audit);
  const ingest = ingestRoutes(app, hub, audit, rejections);
  await tileRoutes(
    app,
    options.fixturesDir,
    options.tiles ?? {
      cacheDir: join(options.fixturesDir, '..', 'data', 'tile-cache'),
      cacheBytes: 256 * 1024 * 1024,
    },
    rejections,
  );

  await appFiles(app, options.staticDir, options.fixturesDir);

  await app.ready();
  attachFeedSocket(io, new Set(scenarios.keys()), noise, readAccess, {
    latestSeq: () => hub.latestSeq(),
    firstSeq: () => hub.firstSeq(),
    eventsSince: (s, seq, limit) => hub.eventsSince(s, seq, limit),
    exercise,
    positions: (s) => hub.telemetry.get(s)?.full() ?? null,
  });
  attachCommands(
    io,
    hub,
    store,
    audit,
    noise,
    {},
    { place: placeFinder(scenarios), eta: etaFinder(scenarios), exercise },
  );
  const simulators: Simulator[] = [];
  const simulate = (on: boolean) => {
    for (const sim of simulators.splice(0)) sim.stop();
    if (!on || !options.simulator) return;
    for (const [id, s] of scenarios) {
      const townships =
        (s.collections.get('townships') as EntityCollection<'townships'> | undefined)?.entities ??
        [];
      const perHour = id === 'kaifeng' ? 24 : 8;
      const sim = new Simulator(
        hub,
        id,
        townships,
        { ...options.simulator, incidentsPerHour: perHour },
        s.roads,
        (s.collections.get('grid-members') as EntityCollection<'grid-members'> | undefined)
          ?.entities,
      );
      sim.start(1_000, (e) => app.log.error(e, `simulator ${id}`));
      simulators.push(sim);
    }
  };
  // Scaled out, the simulator runs on whichever node holds the lease; it picks up the open
  // exercise work from the shared log when another node dies.
  const nodeId = `${hostname()}:${process.pid}:${randomUUID()}`;
  if (store instanceof RedisEventStore) {
    // Positions made on the node running the simulator reach the clients of every node.
    for (const t of hub.telemetry.values())
      t.relay = (frame) => store.publishFrame(packPositionFrame(frame, nodeId));
    store.onFrames((bytes) => {
      const r = unpackPositionFrame(bytes);
      if (!r.ok) rejections.count('bus', 'bad position frame');
      else if (r.origin !== nodeId) {
        const t = hub.telemetry.get(r.frame.scenario);
        // Another node on other fixtures would address other members: refuse, do not guess.
        if (t?.count === r.frame.count) t.receive(r.frame.indices, r.frame.positions, r.frame.time);
        else rejections.count('bus', 'position frame for another collection');
      }
    });
  }
  let releaseLease = () => Promise.resolve();
  if (store instanceof RedisEventStore && options.simulator) {
    releaseLease = holdLease(
      store.send,
      store.leaseKey('simulator'),
      nodeId,
      options.redis?.leaseMs ?? 10_000,
      simulate,
    );
  } else simulate(true);
  const expiry = new WarningExpiry(hub, (e) => app.log.error(e, 'warning expiry'));
  let releaseSweep = () => Promise.resolve();
  if (store instanceof RedisEventStore)
    releaseSweep = holdLease(
      store.send,
      store.leaseKey('warning-expiry'),
      nodeId,
      options.redis?.leaseMs ?? 10_000,
      (on) => expiry.run(on),
    );
  else expiry.run(true);

  return {
    app,
    io,
    scenarios,
    rejections,
    hub,
    simulators,
    routes,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      const scheme = options.tls ? 'https' : 'http';
      return `${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`;
    },
    async close() {
      await releaseLease();
      await releaseSweep();
      expiry.run(false);
      simulate(false);
      ingest.stop();
      noise.stop();
      const ioClosed = io.close();
      // socket.io's close waits for the HTTP server's, which waits for every keep-alive
      // connection to end — up to fastify's 72 s (seen as a stalled test after a gateway stop).
      // Once the server has stopped accepting, end them.
      await new Promise((resolve) => setImmediate(resolve));
      app.server.closeAllConnections();
      await ioClosed;
      await app.close().catch(() => undefined);
      await hub.settle();
      await store.close();
    },
  };
}
