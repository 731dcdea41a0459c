import type { FastifyInstance } from 'fastify';
import {
  DateTime,
  ScenarioId,
  type Answer,
  type ReplayMomentAnswer,
  type ReplayRangeAnswer,
} from '../../shared/protocol/index.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { BadRequest, NotFound } from './errors.ts';
import { ReplayMoments, REPLAY_CONCURRENCY } from './replay-moments.ts';

/** Events handed out per request while a console plays a replay. */
const WINDOW = 2_000;

/**
 * Replay over the event log: how far back it goes, the live collections as they stood at a
 * moment (rebuilt from the fixtures and the log, as the live state itself is), and the events
 * after that moment, window by window, for playing it forward.
 */
export function replayRoutes(app: FastifyInstance, hub: FeedHub): void {
  // Answers are kept as their JSON: twenty consoles given one moment cost one serialisation.
  const moments = new ReplayMoments(async (scenario, atMs) => {
    const state = await hub.stateAt(scenario, atMs);
    if (!state) return null;
    return JSON.stringify({
      at: new Date(atMs).toISOString(),
      seq: state.seq,
      collections: state.snapshot(),
      // The transfer plan in force then, and how far each village had got.
      plan: state.plan,
      progress: [...state.progress.values()],
    } satisfies Answer<typeof ReplayMomentAnswer>);
  });
  const scenarioOf = (raw: string) => {
    const id = ScenarioId.safeParse(raw);
    if (!id.success || !hub.live.has(id.data)) throw new NotFound(`no scenario "${raw}"`);
    return id.data;
  };
  const instant = (name: string, raw: unknown) => {
    const r = DateTime.safeParse(raw);
    if (!r.success) throw new BadRequest(`${name} must be an ISO date-time with its offset`);
    return Date.parse(r.data);
  };

  app.get<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/replay/range',
    async (req) => {
      scenarioOf(req.params.scenario);
      const start = await hub.logStart();
      return {
        from: start === null ? null : new Date(start).toISOString(),
        to: new Date().toISOString(),
      } satisfies Answer<typeof ReplayRangeAnswer>;
    },
  );

  app.get<{ Params: { scenario: string }; Querystring: { at?: string } }>(
    '/api/scenarios/:scenario/replay',
    async (req, reply) => {
      const scenario = scenarioOf(req.params.scenario);
      const at = instant('at', req.query.at);
      const answer = await moments.get({
        scenario,
        atMs: at,
        logId: hub.logId,
        data: hub.live.get(scenario)?.dataVersion ?? '',
      });
      if (answer === 'busy') {
        void reply.code(429).header('retry-after', '1');
        return {
          code: 'TooManyRequests',
          description: `${REPLAY_CONCURRENCY} other moments are being rebuilt; ask again in a second`,
        };
      }
      if (!answer) throw new NotFound(`no scenario "${scenario}"`);
      return reply.type('application/json; charset=utf-8').send(answer);
    },
  );

  app.get<{ Params: { scenario: string }; Querystring: { after?: string; until?: string } }>(
    '/api/scenarios/:scenario/replay/events',
    async (req) => {
      const scenario = scenarioOf(req.params.scenario);
      const after = Number(req.query.after ?? 0);
      if (!Number.isInteger(after) || after < 0)
        throw new BadRequest('after must be a sequence number');
      const until = instant('until', req.query.until);
      const events = [];
      let more = false;
      for (const e of await hub.eventsSince(scenario, after, WINDOW + 1)) {
        if (Date.parse(e.time) > until) break;
        if (events.length === WINDOW) {
          more = true;
          break;
        }
        events.push(e);
      }
      return { events, more };
    },
  );
}
