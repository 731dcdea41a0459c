import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { ReadAccess } from '../access/route-access.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { EventStore } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { isLiveId } from '../../shared/live/index.ts';
import { appFiles } from '../http/app-files.ts';
import { auditRoutes } from '../http/audit-routes.ts';
import { dispatchRoutes } from '../http/dispatch-routes.ts';
import { feedRoutes } from '../http/feed-routes.ts';
import type { SkippedFolder } from '../data/jurisdictions.ts';
import { healthRoutes } from '../http/health-routes.ts';
import { importRoutes } from '../http/import-routes.ts';
import { ingestRoutes } from '../http/ingest-routes.ts';
import { ogcRoutes } from '../http/ogc-routes.ts';
import { planRoutes } from '../http/plan-routes.ts';
import { replayRoutes } from '../http/replay-routes.ts';
import { sessionRoutes } from '../http/session-routes.ts';
import { stationRoutes } from '../http/station-routes.ts';
import type { HydroDesk } from '../hydro/hydro-desk.ts';
import { sensorThingsRoutes } from '../http/sensorthings-routes.ts';
import { ruleRoutes } from '../http/rule-routes.ts';
import { calloutRoutes } from '../http/callout-routes.ts';
import { rollRoutes } from '../http/roll-routes.ts';
import type { RollDesk } from '../people/roll-desk.ts';
import type { CalloutDesk } from '../callout/callout-desk.ts';
import type { CalloutSetup } from '../../shared/protocol/index.ts';
import type { ObservationStore } from '../hydro/observation-store.ts';
import type { Rejections } from '../metrics.ts';
import type { ConnectionLimits } from '../security/connection-limits.ts';
import type { Noise } from '../security/noise.ts';
import type { GatewayServer } from '../socket/gateway-io.ts';
import { tileRoutes } from '../tiles/tile-routes.ts';
import type { GatewayOptions } from './gateway-options.ts';

export interface RouteDeps {
  scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
  hub: FeedHub;
  store: EventStore;
  audit: AuditGate;
  io: GatewayServer;
  limits: ConnectionLimits;
  rejections: Rejections;
  noise: Noise;
  readAccess: ReadAccess;
  started: number;
  /** Folders of the data directory not served, and why. */
  skipped: readonly SkippedFolder[];
  /** Serves the version now in force of a jurisdiction (after an import through the gateway). */
  serveVersion: (id: ScenarioId) => Promise<void>;
  observations: ObservationStore;
  desk: HydroDesk;
  callouts: CalloutDesk;
  calloutSetup: CalloutSetup;
  roll: RollDesk;
}

/**
 * Every HTTP route (each classed in access/route-access.ts; the guard refuses to start
 * with one that is not), then the app's own files. Returns the ingest routes' stop.
 */
export async function mountRoutes(
  app: FastifyInstance,
  options: GatewayOptions,
  d: RouteDeps,
): Promise<{ stopIngest: () => void }> {
  stationRoutes(app, { scenarios: d.scenarios, observations: d.observations, desk: d.desk });
  ruleRoutes(app, { scenarios: new Set(d.scenarios.keys()), desk: d.desk, audit: d.audit });
  sensorThingsRoutes(app, {
    scenarios: d.scenarios,
    store: d.observations,
    desk: d.desk,
    audit: d.audit,
    rejections: d.rejections,
  });
  calloutRoutes(app, {
    scenarios: new Set(d.scenarios.keys()),
    callouts: d.callouts,
    setup: d.calloutSetup,
    rejections: d.rejections,
  });
  rollRoutes(app, { scenarios: d.scenarios, hub: d.hub, desk: d.roll, audit: d.audit });
  healthRoutes(app, {
    io: d.io,
    limits: d.limits,
    rejections: d.rejections,
    noise: d.noise,
    started: d.started,
    scenarios: () => [...d.scenarios.keys()],
    skipped: d.skipped,
    log: async () => ({ health: d.hub.health.current, size: (await d.store.size?.()) ?? null }),
  });
  ogcRoutes(app, d.scenarios, d.readAccess, (scenario, collection) => {
    const state = d.hub.live.get(scenario);
    return state && isLiveId(collection)
      ? { collection: state.collection(collection), seq: d.hub.latestSeq() }
      : null;
  });
  feedRoutes(app, d.hub);
  replayRoutes(app, d.hub);
  dispatchRoutes(app, d.scenarios, d.hub);
  sessionRoutes(app, options.operators ?? [], options.tokenSecret ?? null, d.noise, d.readAccess);
  auditRoutes(app, d.store);
  planRoutes(app, d.hub, d.audit);
  importRoutes(app, options.dataDir, d.scenarios, d.audit, d.serveVersion);
  const ingest = ingestRoutes(app, d.hub, d.audit, d.rejections);
  await tileRoutes(
    app,
    options.dataDir,
    new Set(d.scenarios.keys()),
    options.tiles ?? {
      cacheDir: join(options.dataDir, '..', 'data', 'tile-cache'),
      cacheBytes: 256 * 1024 * 1024,
    },
    d.rejections,
  );
  await appFiles(app, options.staticDir, options.dataDir);
  return { stopIngest: () => ingest.stop() };
}
