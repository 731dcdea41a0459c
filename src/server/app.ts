import { randomBytes } from 'node:crypto';
import type { ScenarioId } from '../shared/protocol/index.ts';
import { AuditGate } from './access/audit-gate.ts';
import type { Credentials } from './access/credentials.ts';
import { guardRoutes } from './access/http-guard.ts';
import { KeyRing } from './access/keys.ts';
import { appFileMatcher } from './http/app-files.ts';
import { findJurisdictions } from './data/jurisdictions.ts';
import { watchDataDir } from './data/watch-data-dir.ts';
import { loadScenario, type ScenarioData } from './data/scenario-store.ts';
import { FeedHub } from './feed/feed-hub.ts';
import { makeCalloutDesk } from './callout/callout-wiring.ts';
import { RollDesk } from './people/roll-desk.ts';
import { LinkTokens } from './security/link-tokens.ts';
import { HydroDesk } from './hydro/hydro-desk.ts';
import { ObservationStore } from './hydro/observation-store.ts';
import { sl651Server, stationDirectory } from './ingest/sl651-server.ts';
import { Rejections } from './metrics.ts';
import { runBackground } from './wiring/background.ts';
import { openEventStore } from './wiring/event-store.ts';
import type { Gateway, GatewayOptions } from './wiring/gateway-options.ts';
import { httpServer, perimeterOf } from './wiring/http-server.ts';
import { mountRoutes } from './wiring/routes.ts';
import { attachSocketHandlers, socketServer } from './wiring/socket-server.ts';

export type { Gateway, GatewayOptions } from './wiring/gateway-options.ts';

/**
 * Builds the gateway without side effects: nothing listens until `listen` is called. The steps
 * run in the order the guards need: the perimeter and HTTP guards before any route, the access
 * guard before routes are added (it classes each as it is added), the sockets' guard before the
 * feed and commands attach.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const started = Date.now();
  // Jurisdictions are data: whatever folders the data directory holds (SCENARIOS may narrow it).
  const found = findJurisdictions(options.dataDir, options.scenarios);
  const scenarios = new Map<ScenarioId, ScenarioData>();
  for (const id of found.ids) scenarios.set(id, loadScenario(options.dataDir, id));
  const rejections = new Rejections();
  const readAccess = options.readAccess ?? 'signed-in';
  const credentials: Credentials = {
    tokenSecret: options.tokenSecret ?? null,
    keys: new KeyRing(options.apiKeys, options.wallKeys),
  };
  const exercise = options.exercise ?? options.simulator !== null;

  const perimeter = perimeterOf(options);
  const { app, noise } = await httpServer(options, perimeter, rejections);
  const store = await openEventStore(options, app.log);
  const audit = new AuditGate(store, rejections, noise);
  const routes = guardRoutes(app, {
    credentials,
    readAccess,
    audit,
    noise,
    isAppFile: appFileMatcher(options.staticDir),
  });
  const { io, limits } = socketServer(app, options, perimeter, credentials, noise);
  const hub = await FeedHub.open(store, scenarios, io, rejections, options.checkpointEvery);
  // The background starts after the routes; until then a version served needs no follow-up.
  let onServed: (id: ScenarioId) => void = () => undefined;
  const watcher = watchDataDir(
    options.dataDir,
    options.scenarios,
    scenarios,
    hub,
    rejections,
    app.log,
    options.dataPollMs ?? 2_000,
    (id) => onServed(id),
  );
  const observations = new ObservationStore(options.observationDb ?? ':memory:');
  const desk = new HydroDesk({
    scenarios,
    hub,
    audit,
    store: observations,
    rejections,
    log: app.log,
    exercise,
  });
  let listenUrl = 'http://127.0.0.1';
  const calloutConfig = options.callout ?? {};
  // Answer and check-in links carry their own MAC: without a configured secret they last as long
  // as this run (a restart makes new 叫应 links on the next round; check-in links are made again).
  const linkSecret = calloutConfig.secret ?? options.tokenSecret ?? randomBytes(32).toString('hex');
  const publicUrl = () => calloutConfig.publicUrl ?? listenUrl;
  const roll = new RollDesk({
    scenarios,
    hub,
    audit,
    tokens: new LinkTokens(linkSecret, 'checkin'),
    rejections,
    publicUrl,
    exercise,
  });
  const callouts = makeCalloutDesk(calloutConfig, {
    scenarios,
    hub,
    audit,
    rejections,
    log: app.log,
    exercise,
    tokenSecret: linkSecret,
    listenUrl: () => listenUrl,
  });
  const sl651 = options.sl651
    ? sl651Server(options.sl651, {
        directory: stationDirectory(scenarios),
        receive: (scenario, o, channel) => desk.receive(scenario, o, channel),
        audit,
        noise,
        log: app.log,
      })
    : null;
  const { stopIngest } = await mountRoutes(app, options, {
    scenarios,
    hub,
    store,
    audit,
    io,
    limits,
    rejections,
    noise,
    readAccess,
    started,
    skipped: found.skipped,
    serveVersion: watcher.serve,
    observations,
    desk,
    callouts,
    calloutSetup: callouts.setup(),
    roll,
  });
  for (const s of found.skipped)
    app.log.warn(`data directory: ${s.folder} is not served: ${s.reason}`);
  await app.ready();
  attachSocketHandlers(io, { scenarios, hub, store, audit, noise, readAccess, exercise });

  const background = runBackground(options, {
    scenarios,
    hub,
    store,
    rejections,
    log: app.log,
    desk,
    callouts,
    calloutSweepMs: calloutConfig.sweepMs ?? 2_000,
    exerciseAnswers: calloutConfig.exerciseAnswers ?? options.simulator !== null,
  });
  onServed = background.refresh;

  return {
    app,
    io,
    scenarios,
    rejections,
    hub,
    simulators: background.simulators,
    routes,
    desk,
    callouts,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      if (sl651 && options.sl651) {
        const { port: rtuPort, host: rtuHost } = options.sl651;
        await new Promise<void>((resolve, reject) => {
          sl651.server.once('error', reject);
          sl651.server.listen(rtuPort, rtuHost ?? host, () => resolve());
        });
      }
      const scheme = options.tls ? 'https' : 'http';
      listenUrl = `${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`;
      return listenUrl;
    },
    sl651Port() {
      const a = sl651?.server.address();
      return typeof a === 'object' && a ? a.port : null;
    },
    async close() {
      watcher.stop();
      await sl651?.close();
      await background.stop();
      stopIngest();
      await desk.settle();
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
      observations.close();
    },
  };
}
