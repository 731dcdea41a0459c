import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ScenarioId,
  type Answer,
  type Station,
  type StationObservationsAnswer,
} from '../../shared/protocol/index.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { ObservationStore } from '../hydro/observation-store.ts';
import { BadRequest, NotFound } from './errors.ts';

const Hours = z.coerce
  .number({ error: 'hours must be a number' })
  .int({ error: 'hours must be a whole number' })
  .min(1, { error: 'hours must be 1–168' })
  .max(168, { error: 'hours must be 1–168' })
  .default(24);

/** A station's observations over the last hours (1–168, default 24), oldest first. */
export function stationRoutes(
  app: FastifyInstance,
  d: {
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
    observations: ObservationStore;
    now?: () => number;
  },
): void {
  app.get<{ Params: { scenario: string; station: string }; Querystring: { hours?: string } }>(
    '/api/scenarios/:scenario/stations/:station/observations',
    async (req) => {
      const id = ScenarioId.safeParse(req.params.scenario);
      const data = id.success ? d.scenarios.get(id.data) : undefined;
      if (!id.success || !data) throw new NotFound(`no scenario "${req.params.scenario}"`);
      const stations = data.collections.get('stations') as
        | { entities: readonly Station[] }
        | undefined;
      const station = stations?.entities.find((s) => s.id === req.params.station);
      if (!station) throw new NotFound(`no station "${req.params.station}" in ${id.data}`);
      const hours = Hours.safeParse(req.query.hours);
      if (!hours.success) throw new BadRequest(hours.error.issues[0]?.message ?? 'bad hours');
      const since = (d.now ?? Date.now)() - hours.data * 3_600_000;
      return {
        station: station.id,
        code: station.code,
        since: new Date(since).toISOString(),
        observations: d.observations
          .series(id.data, station.code, since)
          .map(({ scenario: _, ...o }) => o),
      } satisfies Answer<typeof StationObservationsAnswer>;
    },
  );
}
