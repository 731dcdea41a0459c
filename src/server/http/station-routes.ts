import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ScenarioId,
  type Answer,
  type Station,
  type StationObservationsAnswer,
  type StationReadingsAnswer,
} from '../../shared/protocol/index.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { HydroDesk } from '../hydro/hydro-desk.ts';
import type { ObservationStore } from '../hydro/observation-store.ts';
import { BadRequest, NotFound } from './errors.ts';

const Hours = z.coerce
  .number({ error: 'hours must be a number' })
  .int({ error: 'hours must be a whole number' })
  .min(1, { error: 'hours must be 1–168' })
  .max(168, { error: 'hours must be 1–168' })
  .default(24);

/**
 * Every reporting station's latest (the map's colours and stale marks), and one station's
 * observations over the last hours (1–168, default 24), oldest first, with its rule firings.
 */
export function stationRoutes(
  app: FastifyInstance,
  d: {
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
    observations: ObservationStore;
    desk: HydroDesk;
    now?: () => number;
  },
): void {
  const now = d.now ?? Date.now;
  const scenarioOf = (raw: string) => {
    const id = ScenarioId.safeParse(raw);
    const data = id.success ? d.scenarios.get(id.data) : undefined;
    if (!id.success || !data) throw new NotFound(`no scenario "${raw}"`);
    return { id: id.data, data };
  };
  app.get<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/stations/readings',
    async (req) => {
      const { id } = scenarioOf(req.params.scenario);
      return {
        scenario: id,
        at: new Date(now()).toISOString(),
        readings: d.desk.readings(id),
      } satisfies Answer<typeof StationReadingsAnswer>;
    },
  );
  app.get<{ Params: { scenario: string; station: string }; Querystring: { hours?: string } }>(
    '/api/scenarios/:scenario/stations/:station/observations',
    async (req) => {
      const { id, data } = scenarioOf(req.params.scenario);
      const stations = data.collections.get('stations') as
        | { entities: readonly Station[] }
        | undefined;
      const station = stations?.entities.find((s) => s.id === req.params.station);
      if (!station) throw new NotFound(`no station "${req.params.station}" in ${id}`);
      const hours = Hours.safeParse(req.query.hours);
      if (!hours.success) throw new BadRequest(hours.error.issues[0]?.message ?? 'bad hours');
      const since = now() - hours.data * 3_600_000;
      return {
        station: station.id,
        code: station.code,
        since: new Date(since).toISOString(),
        observations: d.observations
          .series(id, station.code, since)
          .map(({ scenario: _, ...o }) => o),
        firings: d.observations.marks(id, station.code, since),
      } satisfies Answer<typeof StationObservationsAnswer>;
    },
  );
}
