import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import {
  packPositionFrame,
  unpackPositionFrame,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { EntityCollection } from '../data/collection.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { EventStore } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { holdLease } from '../feed/leader-lease.ts';
import { DEFAULT_RETENTION, LogRetention, RETENTION_EVERY_MS } from '../feed/log-retention.ts';
import { RedisEventStore } from '../feed/redis-event-store.ts';
import { WarningExpiry } from '../feed/warning-expiry.ts';
import type { Rejections } from '../metrics.ts';
import { HydroSim } from '../sim/hydro-sim.ts';
import { Simulator } from '../sim/simulator.ts';
import type { HydroDesk } from '../hydro/hydro-desk.ts';
import type { CalloutDesk } from '../callout/callout-desk.ts';
import { LoopbackMessenger } from '../callout/loopback-messenger.ts';
import { CalloutAnswerer } from '../sim/callout-answerer.ts';
import type { GatewayOptions } from './gateway-options.ts';

export interface Background {
  /** The simulators running on this node, one per jurisdiction served (none off the lease). */
  simulators: Simulator[];
  /** A jurisdiction was served anew (a new version or a new folder): its exercise follows. */
  refresh: (id: ScenarioId) => void;
  /** What the log keeps, by age. */
  retention: LogRetention;
  stop(): Promise<void>;
}

/**
 * The gateway's own work — the exercise simulator, warnings expiring, positions relayed
 * between nodes. Scaled out, each job runs on whichever node holds its lease and moves when that
 * node dies; alone, everything runs here.
 */
export function runBackground(
  options: GatewayOptions,
  d: {
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
    hub: FeedHub;
    store: EventStore;
    rejections: Rejections;
    log: FastifyBaseLogger;
    desk: HydroDesk;
    callouts: CalloutDesk;
    /** How often the 叫应 desk reconciles (0: never by itself). */
    calloutSweepMs: number;
    /** Whether the exercise's persons answer the loopback's calls. */
    exerciseAnswers: boolean;
  },
): Background {
  const { scenarios, hub, store, rejections, log } = d;
  const simulators: Simulator[] = [];
  // The exercise's weather, one per jurisdiction with stations, beside its simulator.
  const weather = new Map<ScenarioId, HydroSim>();
  const startWeather = (id: ScenarioId, s: ScenarioData) => {
    weather.get(id)?.stop();
    weather.delete(id);
    if (!options.simulator || options.simulator.weather === false) return;
    const stations =
      (s.collections.get('stations') as EntityCollection<'stations'> | undefined)?.entities ?? [];
    if (stations.length === 0) return;
    const sim = new HydroSim(
      (scenario, o, channel) => d.desk.receive(scenario, o, channel),
      id,
      stations,
      s.meta.bbox,
      options.simulator.seed,
    );
    sim.start((e) => log.error(e, `weather ${id}`));
    weather.set(id, sim);
  };
  let simulating = false;
  const nodeId = `${hostname()}:${process.pid}:${randomUUID()}`;
  // Scaled out, the simulator's appends are fenced by its lease: a node paused past the lease
  // cannot write beside the node that took it over.
  const simulatorFence =
    store instanceof RedisEventStore
      ? { key: store.leaseKey('simulator'), holder: nodeId }
      : undefined;
  const startOne = (id: ScenarioId, s: ScenarioData): Simulator | null => {
    if (!options.simulator) return null;
    const townships =
      (s.collections.get('townships') as EntityCollection<'townships'> | undefined)?.entities ?? [];
    // The jurisdiction's manifest sets the exercise's pace; a city sees more than a district.
    const perHour = s.meta.simulation?.incidentsPerHour ?? 8;
    const sim = new Simulator(
      hub,
      id,
      townships,
      { ...options.simulator, incidentsPerHour: perHour, fence: simulatorFence },
      s.roads,
      (s.collections.get('grid-members') as EntityCollection<'grid-members'> | undefined)?.entities,
      s.register,
    );
    sim.start(1_000, (e) => log.error(e, `simulator ${id}`));
    startWeather(id, s);
    return sim;
  };
  const simulate = (on: boolean) => {
    simulating = on && options.simulator !== null;
    for (const sim of simulators.splice(0)) sim.stop();
    for (const w of weather.values()) w.stop();
    weather.clear();
    if (!simulating) return;
    for (const [id, s] of scenarios) {
      const sim = startOne(id, s);
      if (sim) simulators.push(sim);
    }
  };
  // A new version's townships, roads and grid members, or a new jurisdiction: the simulator of
  // that one starts again on them (it adopts the open exercise work from the log, so nothing
  // in progress is dropped).
  const refresh = (id: ScenarioId) => {
    const data = scenarios.get(id);
    if (!simulating || !data) return;
    const at = simulators.findIndex((sim) => sim.scenario === id);
    simulators[at]?.stop();
    const sim = startOne(id, data);
    if (!sim) return;
    if (at >= 0) simulators[at] = sim;
    else simulators.push(sim);
  };
  const leaseMs = options.redis?.leaseMs ?? 10_000;
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
  // It picks up the open exercise work from the shared log when another node dies.
  let releaseLease = () => Promise.resolve();
  if (store instanceof RedisEventStore && options.simulator)
    releaseLease = holdLease(store.send, store.leaseKey('simulator'), nodeId, leaseMs, simulate);
  else simulate(true);
  const expiry = new WarningExpiry(hub, (e) => log.error(e, 'warning expiry'));
  let releaseSweep = () => Promise.resolve();
  if (store instanceof RedisEventStore)
    releaseSweep = holdLease(store.send, store.leaseKey('warning-expiry'), nodeId, leaseMs, (on) =>
      expiry.run(on, { key: store.leaseKey('warning-expiry'), holder: nodeId }),
    );
  else expiry.run(true);
  // 叫应 on one node at a time: the lease holder reconciles and calls, and (in the exercise) its
  // loopback's persons answer; answers posted to any node go through the shared log.
  const messenger = d.callouts.messenger;
  const answerer =
    d.exerciseAnswers && messenger instanceof LoopbackMessenger
      ? new CalloutAnswerer(
          messenger,
          (token, body, channel) => d.callouts.answer(token, body, channel),
          options.simulator?.seed ?? 720,
          (e) => log.error(e, '叫应 exercise answers'),
        )
      : null;
  const callFence =
    store instanceof RedisEventStore
      ? { key: store.leaseKey('callouts'), holder: nodeId }
      : undefined;
  const calling = (on: boolean) => {
    if (d.calloutSweepMs > 0) d.callouts.run(on, d.calloutSweepMs, callFence);
    answerer?.run(on);
  };
  let releaseCalling = () => Promise.resolve();
  if (store instanceof RedisEventStore)
    releaseCalling = holdLease(store.send, store.leaseKey('callouts'), nodeId, leaseMs, calling);
  else calling(true);
  // What the log keeps, by age (see log-retention.ts); a full log makes room at once. Passes
  // are idempotent, so scaled out every node may run them.
  const retention = new LogRetention(
    store,
    { ...DEFAULT_RETENTION, ...options.retention },
    (e) => log.error(e, 'log retention'),
    (done) => {
      for (const kind of ['telemetry', 'checkpoints', 'commands'] as const)
        rejections.logDropped.inc({ kind }, done[kind]);
    },
  );
  retention.start(options.retention?.everyMs ?? RETENTION_EVERY_MS);
  hub.health.whileFull(() => retention.run());
  const unwatchHealth = hub.health.onChange((h) => {
    if (!h.writable) log.error(`event log full: ${h.reason ?? ''}`);
    else log.warn('event log takes writes again');
  });

  return {
    simulators,
    refresh,
    retention,
    async stop() {
      unwatchHealth();
      await retention.stop();
      await releaseLease();
      await releaseSweep();
      await releaseCalling();
      calling(false);
      expiry.run(false);
      simulate(false);
    },
  };
}
