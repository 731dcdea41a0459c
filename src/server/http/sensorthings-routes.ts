import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type {
  Observation,
  ScenarioId,
  SensorThingsAnswer,
  Station,
} from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { EntityCollection } from '../data/collection.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { HydroDesk } from '../hydro/hydro-desk.ts';
import type { ObservationStore } from '../hydro/observation-store.ts';
import {
  mapDatastream,
  mapObservation,
  StDatastream,
  StObservation,
  type DatastreamMap,
} from '../ingest/sensorthings.ts';
import type { Rejections } from '../metrics.ts';
import { BadRequest } from './errors.ts';
import { ingestContext } from './ingest-context.ts';

const CHANNEL = 'ingest-sensorthings';
const MAX_BATCH = 5_000;

/** One entity, a JSON array of them, or a collection's `{ "value": [...] }`. */
function listOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { value?: unknown }).value))
    return (body as { value: unknown[] }).value;
  return [body];
}

/**
 * 水雨情 observations over HTTP in the shape of OGC SensorThings: a feed registers its
 * Datastreams (each mapped to a station and an element, kept across restarts) and posts
 * Observations, one or a batch, by Datastream id or with the Datastream inline. Each item is
 * checked on its own; the answer names every refused one with its index and reason (counted
 * per reason); what is accepted goes through the same intake as an RTU's, once. One audit line
 * per call under the key's name.
 */
export function sensorThingsRoutes(
  app: FastifyInstance,
  d: {
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
    store: ObservationStore;
    desk: HydroDesk;
    audit: AuditGate;
    rejections: Rejections;
  },
): void {
  const { keyOf, scenarioFor, record } = ingestContext(d.audit, d.rejections);
  const stationFinder = (scenario: ScenarioId) => {
    const data = d.scenarios.get(scenario);
    const list =
      (data?.collections.get('stations') as EntityCollection<'stations'> | undefined)?.entities ??
      [];
    const byCode = new Map<string, Station>(list.map((s) => [s.code, s]));
    return (code: string) => byCode.get(code) ?? byCode.get(code.replace(/^00/, ''));
  };
  const target = (req: Parameters<typeof keyOf>[0], named: unknown): ScenarioId => {
    const scenario = scenarioFor(keyOf(req), named, CHANNEL);
    if (!scenario || !d.scenarios.has(scenario)) {
      d.rejections.count(CHANNEL, 'bad scenario');
      throw new BadRequest(
        '?scenario= names a jurisdiction this gateway serves (or bind the key to one)',
      );
    }
    return scenario;
  };
  const tooMany = (n: number) => {
    if (n > MAX_BATCH) {
      d.rejections.count(CHANNEL, 'batch too big');
      throw new BadRequest(`at most ${MAX_BATCH.toLocaleString('en')} entities per call, not ${n}`);
    }
  };

  app.post<{ Querystring: { scenario?: string } }>(
    '/api/ingest/sensorthings/Datastreams',
    async (req): Promise<SensorThingsAnswer> => {
      const scenario = target(req, req.query.scenario);
      const items = listOf(req.body);
      tooMany(items.length);
      const station = stationFinder(scenario);
      const rejected: SensorThingsAnswer['rejected'] = [];
      let accepted = 0;
      items.forEach((item, index) => {
        const parsed = StDatastream.safeParse(item);
        const mapped = parsed.success
          ? mapDatastream(parsed.data, station)
          : { ok: false as const, error: z.prettifyError(parsed.error) };
        if (!mapped.ok) {
          d.rejections.count(CHANNEL, 'bad datastream');
          rejected.push({ index, error: mapped.error });
          return;
        }
        d.store.putDatastream(scenario, mapped.map);
        accepted++;
      });
      const detail = `${accepted} of ${items.length} Datastreams mapped${rejected[0] ? `; #${rejected[0].index}: ${rejected[0].error.slice(0, 200)}` : ''}`;
      record(
        req,
        'ingest:sensorthings',
        accepted > 0 ? 'done' : 'refused',
        detail,
        { scenario },
        null,
      );
      if (items.length === 1 && rejected[0]) throw new BadRequest(rejected[0].error);
      return { accepted, stored: accepted, rejected };
    },
  );

  app.post<{ Querystring: { scenario?: string } }>(
    '/api/ingest/sensorthings/Observations',
    async (req): Promise<SensorThingsAnswer> => {
      const scenario = target(req, req.query.scenario);
      const items = listOf(req.body);
      tooMany(items.length);
      const station = stationFinder(scenario);
      const now = Date.now();
      const rejected: SensorThingsAnswer['rejected'] = [];
      const observations: Observation[] = [];
      /** One item as an observation, or the reason (counted) and the error (answered). */
      const read = (item: unknown): Observation | { reason: string; error: string } => {
        const parsed = StObservation.safeParse(item);
        if (!parsed.success)
          return { reason: 'bad observation', error: z.prettifyError(parsed.error) };
        const ds = parsed.data.Datastream;
        let map: DatastreamMap | undefined;
        if ('Thing' in ds) {
          // A deep insert: the Datastream comes with its Observation and is kept for the next.
          const mapped = mapDatastream(ds, station);
          if (!mapped.ok) return { reason: 'bad datastream', error: mapped.error };
          d.store.putDatastream(scenario, mapped.map);
          map = mapped.map;
        } else map = d.store.datastream(scenario, String(ds['@iot.id']));
        if (!map)
          return {
            reason: 'unknown datastream',
            error: `Datastream ${String(ds['@iot.id'])} is not registered: POST it to /api/ingest/sensorthings/Datastreams first`,
          };
        const o = mapObservation(parsed.data, map, now);
        return o.ok ? o.observation : { reason: 'bad observation', error: o.error };
      };
      items.forEach((item, index) => {
        const o = read(item);
        if ('station' in o) observations.push(o);
        else {
          d.rejections.count(CHANNEL, o.reason);
          rejected.push({ index, error: o.error });
        }
      });
      const stored = observations.length
        ? await d.desk.receive(scenario, observations, 'sensorthings')
        : 0;
      const detail = `${observations.length} of ${items.length} observations accepted, ${stored} new${rejected[0] ? `; #${rejected[0].index}: ${rejected[0].error.slice(0, 200)}` : ''}`;
      record(
        req,
        'ingest:sensorthings',
        observations.length > 0 ? 'done' : 'refused',
        detail,
        { scenario },
        null,
      );
      // One entity refused is a bad request; a batch answers item by item.
      if (items.length === 1 && rejected[0]) throw new BadRequest(rejected[0].error);
      return { accepted: observations.length, stored, rejected };
    },
  );
}
