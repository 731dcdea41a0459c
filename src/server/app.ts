import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import {
  packPositionFrame,
  unpackPositionFrame,
  type ScenarioId,
} from '../shared/protocol/index.ts';
import type { EntityCollection } from './data/collection.ts';
import { loadScenario, type ScenarioData } from './data/scenario-store.ts';
import type { EventStore } from './feed/event-store.ts';
import { holdLease } from './feed/leader-lease.ts';
import { RedisEventStore } from './feed/redis-event-store.ts';
import { SqliteEventStore } from './feed/sqlite-event-store.ts';
import { FeedHub } from './feed/feed-hub.ts';
import { LIVE_COLLECTIONS, type LiveId } from './feed/live-state.ts';
import { auditRoutes } from './http/audit-routes.ts';
import { dispatchRoutes } from './http/dispatch-routes.ts';
import { feedRoutes } from './http/feed-routes.ts';
import { sessionRoutes } from './http/session-routes.ts';
import type { Operator } from './operators.ts';
import { Simulator } from './sim/simulator.ts';
import { Unauthorized } from './http/errors.ts';
import { ingestRoutes } from './http/ingest-routes.ts';
import { BadRequest, NotFound, ogcRoutes } from './http/ogc-routes.ts';
import { Rejections } from './metrics.ts';
import { etaFinder, placeFinder } from './socket/command-handlers.ts';
import { attachCommands } from './socket/commands.ts';
import { planRoutes } from './http/plan-routes.ts';
import { replayRoutes } from './http/replay-routes.ts';
import { attachFeedSocket } from './socket/feed-socket.ts';
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
  /** HS256 secret of the role tokens; without it every socket client is a viewer. */
  tokenSecret?: string | null;
  /** People who may sign in (`POST /api/session`) with a role above viewer. */
  operators?: readonly Operator[];
  /** Browser origins allowed besides the gateway's own (e.g. a Vite dev server). */
  allowedOrigins?: readonly string[];
  /** API keys accepted by the ingest endpoints; none disables them. */
  ingestKeys?: readonly string[];
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
  io: Server;
  scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
  rejections: Rejections;
  hub: FeedHub;
  simulators: Simulator[];
  /** Starts listening; resolves to the URL (port 0 picks a free one). */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the gateway without side effects: nothing listens until `listen` is called. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const scenarios = new Map<ScenarioId, ScenarioData>();
  for (const id of options.scenarios) scenarios.set(id, loadScenario(options.fixturesDir, id));
  const rejections = new Rejections();
  const started = Date.now();

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1_048_576 });
  app.setErrorHandler((error, req, reply) => {
    if (error instanceof BadRequest) {
      rejections.count('http', `${req.routeOptions.url ?? req.url}: bad parameter`);
      return reply.code(400).send({ code: error.code, description: error.message });
    }
    if (error instanceof Unauthorized) {
      return reply.code(401).send({ code: 'Unauthorized', description: error.message });
    }
    if (error instanceof NotFound) {
      return reply.code(404).send({ code: 'NotFound', description: error.message });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      rejections.count('http', `client error ${status}`);
      return reply.code(status).send({ code: 'BadRequest', description: (error as Error).message });
    }
    req.log.error(error);
    return reply
      .code(500)
      .send({ code: 'ServerError', description: 'internal error; see the gateway log' });
  });

  app.get('/metrics', async (_req, reply) => {
    rejections.clients.set(io.engine.clientsCount);
    void reply.type(rejections.registry.contentType);
    return rejections.registry.metrics();
  });
  app.get('/api/health', async () => ({
    status: 'ok',
    uptimeS: Math.round((Date.now() - started) / 1000),
    scenarios: [...scenarios.keys()],
    rejected: rejections.snapshot(),
  }));
  const store: EventStore = options.redis
    ? await RedisEventStore.open({
        ...options.redis,
        onError: (e) => app.log.error(e, 'event store (redis)'),
      })
    : new SqliteEventStore(options.eventLog);
  // Socket.io attaches to the HTTP server, which exists before `ready`.
  const io = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Browsers may connect only from the gateway's own origin (or an allowed one); tools that send
    // no Origin (ingest scripts, tests) are let through and still need a token to command.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const ok =
        !origin ||
        new URL(origin).host === req.headers.host ||
        (options.allowedOrigins ?? []).includes(origin);
      if (!ok) rejections.count('socket', 'origin not allowed');
      callback(ok ? null : `origin ${origin} not allowed`, ok);
    },
  });
  const hub = await FeedHub.open(store, scenarios, io, rejections, options.checkpointEvery);
  ogcRoutes(app, scenarios, (scenario, collection) => {
    const state = hub.live.get(scenario);
    return state && LIVE_COLLECTIONS.has(collection)
      ? { collection: state.collection(collection as LiveId), seq: hub.latestSeq() }
      : null;
  });
  feedRoutes(app, hub);
  replayRoutes(app, hub);
  dispatchRoutes(app, scenarios, hub);
  sessionRoutes(app, options.operators ?? [], options.tokenSecret ?? null, rejections);
  auditRoutes(app, store, options.tokenSecret ?? null);
  planRoutes(app, hub, store, options.tokenSecret ?? null, rejections);
  ingestRoutes(app, hub, options.ingestKeys ?? [], rejections);
  await tileRoutes(
    app,
    options.fixturesDir,
    options.tiles ?? {
      cacheDir: join(options.fixturesDir, '..', 'data', 'tile-cache'),
      cacheBytes: 256 * 1024 * 1024,
    },
    rejections,
  );

  const staticDir = options.staticDir;
  const hasApp = staticDir !== undefined && existsSync(join(staticDir, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: false, index: 'index.html' });
  }
  // Camera video: the sample cameras' test stream (made by ffmpeg at set-up), as HLS files.
  const streams = join(options.fixturesDir, 'streams');
  if (existsSync(streams))
    await app.register(fastifyStatic, {
      root: streams,
      prefix: '/streams/',
      decorateReply: false,
      maxAge: 60_000,
    });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/wall, /briefing, ...) get the app; unknown API paths a JSON 404.
    if (
      hasApp &&
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/streams/') &&
      !req.url.startsWith('/tiles/') &&
      !req.url.startsWith('/basemap') &&
      !req.url.startsWith('/socket.io')
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    const description = req.url.startsWith('/streams/')
      ? `no stream file ${req.url}: the sample stream is made by ffmpeg at set-up (install ffmpeg, then npm run fixtures:ensure)`
      : `no route ${req.method} ${req.url}`;
    return reply.code(404).send({ code: 'NotFound', description });
  });

  await app.ready();
  attachFeedSocket(io, new Set(scenarios.keys()), rejections, {
    latestSeq: () => hub.latestSeq(),
    firstSeq: () => hub.firstSeq(),
    eventsSince: (s, seq, limit) => hub.eventsSince(s, seq, limit),
    exercise: options.exercise ?? options.simulator !== null,
    positions: (s) => hub.telemetry.get(s)?.full() ?? null,
  });
  attachCommands(
    io,
    hub,
    store,
    rejections,
    { tokenSecret: options.tokenSecret ?? null },
    { place: placeFinder(scenarios), eta: etaFinder(scenarios) },
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

  return {
    app,
    io,
    scenarios,
    rejections,
    hub,
    simulators,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`;
    },
    async close() {
      await releaseLease();
      simulate(false);
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
