import type { FastifyInstance } from 'fastify';
import {
  ScenarioId,
  type Answer,
  type BriefingAnswer,
  type EventsAnswer,
  type WallAnswer,
} from '../../shared/protocol/index.ts';
import { audienceOfRequest } from '../access/http-guard.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { dateCst } from '../../shared/time.ts';
import { BadRequest, NotFound } from './errors.ts';

/**
 * Events of a scenario after a sequence number (how a signed-in client closes a gap it noticed;
 * a public reader refetches snapshots instead), the live figures derived from the state
 * (hidden-hazard KPIs), and what the walls are asked to show. Who may call which is in the route
 * table (access/route-access.ts).
 */
export function feedRoutes(app: FastifyInstance, hub: FeedHub): void {
  app.get<{ Params: { scenario: string; incident: string } }>(
    '/api/scenarios/:scenario/incidents/:incident/log',
    (req) => {
      const scenario = ScenarioId.safeParse(req.params.scenario);
      const live = scenario.success ? hub.live.get(scenario.data) : undefined;
      if (!live) throw new NotFound(`no scenario "${req.params.scenario}"`);
      if (!live.incidents.has(req.params.incident))
        throw new NotFound(`no live incident "${req.params.incident}"`);
      return Promise.resolve({
        seq: live.seq,
        incidentId: req.params.incident,
        entries: live.incidentLog.get(req.params.incident) ?? [],
      });
    },
  );
  // What the operator console last asked of the walls (they follow `wall:state` from there).
  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/wall', (req) => {
    const scenario = ScenarioId.safeParse(req.params.scenario);
    const live = scenario.success ? hub.live.get(scenario.data) : undefined;
    if (!live) throw new NotFound(`no scenario "${req.params.scenario}"`);
    // Who holds the walls is a person's name: the public sees that someone does.
    const wall = audienceOfRequest(req) === 'full' ? live.wall : { ...live.wall, by: '' };
    return Promise.resolve({ seq: live.seq, wall } satisfies Answer<typeof WallAnswer>);
  });
  // What the briefing's presenter shows now and its saved scenes (followers catch up from here,
  // then follow events).
  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/briefing', (req) => {
    const scenario = ScenarioId.safeParse(req.params.scenario);
    const live = scenario.success ? hub.live.get(scenario.data) : undefined;
    if (!live) throw new NotFound(`no scenario "${req.params.scenario}"`);
    return Promise.resolve({
      seq: live.seq,
      briefing: live.briefing,
      scenes: [...live.scenes.values()],
    } satisfies Answer<typeof BriefingAnswer>);
  });
  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/stats/hazards', (req) => {
    const scenario = ScenarioId.safeParse(req.params.scenario);
    const live = scenario.success ? hub.live.get(scenario.data) : undefined;
    const history = scenario.success ? hub.hazardHistory.get(scenario.data) : undefined;
    if (!scenario.success || !live || !history)
      throw new NotFound(`no scenario "${req.params.scenario}"`);
    return Promise.resolve(history.stats(scenario.data, live, dateCst(Date.now())));
  });

  app.get<{ Params: { scenario: string }; Querystring: Record<string, unknown> }>(
    '/api/scenarios/:scenario/events',
    async (req) => {
      const scenario = ScenarioId.safeParse(req.params.scenario);
      if (!scenario.success || !hub.live.has(scenario.data))
        throw new NotFound(`no scenario "${req.params.scenario}"`);
      const after = Number(req.query.after ?? 0);
      const limit = Number(req.query.limit ?? 1000);
      if (!Number.isInteger(after) || after < 0)
        throw new BadRequest('after must be a whole number ≥ 0');
      if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
        throw new BadRequest('limit must be 1–5000');
      const first = await hub.firstSeq();
      if (after < first - 1) {
        throw new BadRequest(
          `events after ${after} are no longer held (oldest is ${first}): refetch the snapshot`,
          'Gone',
        );
      }
      const seq = hub.latestSeq();
      const events = await hub.eventsSince(scenario.data, after, limit);
      // Another node may have appended past what this one has applied; such events reach the
      // client by broadcast, so the answer stays consistent with its `seq`.
      return {
        seq,
        logId: hub.logId,
        events: events.filter((e) => e.seq <= seq),
      } satisfies Answer<typeof EventsAnswer>;
    },
  );
}
