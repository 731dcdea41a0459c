import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ScenarioId, type LonLat } from '../../shared/protocol/index.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { parseCap } from '../ingest/cap.ts';
import { KNOT_KMH, OsmAndReport, reportTime } from '../ingest/gps.ts';
import type { Rejections } from '../metrics.ts';
import { BadRequest, Unauthorized } from './errors.ts';

const EventBatch = z.object({
  scenario: ScenarioId,
  events: z
    .array(z.object({ type: z.string(), payload: z.unknown() }))
    .min(1, { error: 'send at least one event' })
    .max(1_000, { error: 'at most 1,000 events per batch' }),
});

/** GPS reports older than this are history, not a position to draw. */
const MAX_REPORT_AGE_MS = 24 * 3_600_000;

/**
 * Real feeds into the gateway, each behind an API key (`x-api-key` or `Authorization: Bearer`):
 * batches of protocol events, CAP 1.2 XML alerts, and OsmAnd/Traccar GPS positions of teams.
 * Everything is validated; what is refused is answered with the reason and counted.
 */
export function ingestRoutes(
  app: FastifyInstance,
  hub: FeedHub,
  keys: readonly string[],
  rejections: Rejections,
): void {
  const authorize = (req: FastifyRequest, channel: string) => {
    const header = req.headers['x-api-key'];
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const key = typeof header === 'string' ? header : bearer;
    if (!key || !keys.includes(key)) {
      rejections.count(channel, 'bad api key');
      throw new Unauthorized(
        keys.length === 0 ? 'ingest is disabled: set INGEST_KEYS' : 'missing or unknown API key',
      );
    }
  };
  app.addContentTypeParser(
    ['application/xml', 'text/xml', 'application/cap+xml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  // OsmAnd clients may POST their fields as a form.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.post('/api/ingest/events', async (req) => {
    authorize(req, 'ingest-events');
    const batch = EventBatch.safeParse(req.body);
    if (!batch.success) {
      rejections.count('ingest-events', 'bad batch');
      throw new BadRequest(z.prettifyError(batch.error));
    }
    const rejected: { index: number; error: string }[] = [];
    let accepted = 0;
    // One after another: the batch keeps its order in the log.
    for (const [index, e] of batch.data.events.entries()) {
      const r = await hub.publish(batch.data.scenario, e.type, e.payload, 'ingest-events');
      if (r.ok) accepted++;
      else rejected.push({ index, error: r.error });
    }
    return { accepted, rejected, seq: hub.latestSeq() };
  });

  app.post<{ Querystring: { scenario?: string } }>('/api/ingest/cap', async (req) => {
    authorize(req, 'ingest-cap');
    const scenario = ScenarioId.safeParse(req.query.scenario);
    if (!scenario.success) {
      rejections.count('ingest-cap', 'bad scenario');
      throw new BadRequest('?scenario= must be erqi or kaifeng');
    }
    if (typeof req.body !== 'string') {
      rejections.count('ingest-cap', 'not xml');
      throw new BadRequest('send the CAP alert as XML (Content-Type: application/cap+xml)');
    }
    const cap = parseCap(req.body);
    if (!cap.ok) {
      rejections.count('ingest-cap', 'invalid CAP');
      throw new BadRequest(cap.error);
    }
    const r = await hub.publish(scenario.data, cap.eventType, cap.warning, 'ingest-cap');
    if (!r.ok) throw new BadRequest(r.error);
    return {
      accepted: 1,
      type: cap.eventType,
      identifier: cap.warning.identifier,
      seq: r.event.seq,
    };
  });

  const gps = async (req: FastifyRequest) => {
    authorize(req, 'ingest-gps');
    const params = {
      ...(req.query as object),
      ...(typeof req.body === 'object' && req.body ? req.body : {}),
    };
    const report = OsmAndReport.safeParse(params);
    if (!report.success) {
      rejections.count('ingest-gps', 'invalid report');
      throw new BadRequest(z.prettifyError(report.error));
    }
    const now = Date.now();
    const at = reportTime(report.data.timestamp, now);
    if (typeof at === 'string') {
      rejections.count('ingest-gps', 'bad timestamp');
      throw new BadRequest(at);
    }
    rejections.lag.observe(Math.max(0, (now - at) / 1000));
    if (at > now + 5 * 60_000 || now - at > MAX_REPORT_AGE_MS) {
      rejections.count('ingest-gps', 'timestamp out of range');
      throw new BadRequest(
        'timestamp is more than 5 minutes ahead or a day behind the gateway clock',
      );
    }
    const scenario = [...hub.live].find(([, live]) => live.teams.has(report.data.id))?.[0];
    if (!scenario) {
      rejections.count('ingest-gps', 'unknown team');
      throw new BadRequest(`no team with id ${report.data.id}`);
    }
    const position: LonLat = [report.data.lon, report.data.lat];
    const bearing = report.data.bearing ?? report.data.heading;
    const r = await hub.publish(
      scenario,
      'team:move',
      {
        id: report.data.id,
        position,
        ...(bearing !== undefined ? { bearing } : {}),
        ...(report.data.speed !== undefined
          ? { speedKmh: Math.round(report.data.speed * KNOT_KMH * 10) / 10 }
          : {}),
      },
      'ingest-gps',
    );
    if (!r.ok) throw new BadRequest(r.error);
    return { accepted: 1, seq: r.event.seq };
  };
  app.get('/api/ingest/gps', gps);
  app.post('/api/ingest/gps', gps);
}
