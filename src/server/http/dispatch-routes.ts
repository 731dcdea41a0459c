import type { FastifyInstance } from 'fastify';
import {
  ScenarioId,
  type Recommendations,
  type ScenarioId as Scenario,
} from '../../shared/protocol/index.ts';
import { recommend } from '../../shared/dispatch/recommend.ts';
import type { EntityCollection } from '../data/collection.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { BadRequest, NotFound } from './errors.ts';

/** The right team for an incident, ranked and explained, with the routes for a preview. */
export function dispatchRoutes(
  app: FastifyInstance,
  scenarios: ReadonlyMap<Scenario, ScenarioData>,
  hub: FeedHub,
): void {
  const depotsOf = (data: ScenarioData) =>
    (data.collections.get('depots') as EntityCollection<'depots'> | undefined)?.entities ?? [];

  app.get<{
    Params: { scenario: string; incident: string };
    Querystring: Record<string, unknown>;
  }>('/api/scenarios/:scenario/incidents/:incident/recommendations', async (req) => {
    const scenario = ScenarioId.safeParse(req.params.scenario);
    const data = scenario.success ? scenarios.get(scenario.data) : undefined;
    const live = scenario.success ? hub.live.get(scenario.data) : undefined;
    if (!scenario.success || !data || !live)
      throw new NotFound(`no scenario "${req.params.scenario}"`);
    const incident = live.incidents.get(req.params.incident);
    if (!incident) throw new NotFound(`no incident "${req.params.incident}" in ${scenario.data}`);
    const limit = Number(req.query.limit ?? 5);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new BadRequest('limit must be 1–50');
    const suggestions = recommend({
      roads: data.roads,
      type: incident.type,
      at: incident.position,
      teams: live.teams.values(),
      depots: depotsOf(data),
      limit,
    });
    const body: Recommendations = {
      seq: hub.latestSeq(),
      incidentId: incident.id,
      type: incident.type,
      suggestions: suggestions.map((s) => ({
        teamId: s.team.id,
        teamName: s.team.name,
        members: s.team.members,
        etaS: Math.round(s.etaS),
        driveS: Math.round(s.driveS),
        skills: s.skills,
        pickup: s.pickup && { ...s.pickup, extraS: Math.round(s.pickup.extraS) },
        missing: s.missing,
        route: { type: 'LineString', coordinates: s.route() },
      })),
    };
    return body;
  });
}
