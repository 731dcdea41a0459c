import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ScenarioId, parseFeedEvent, type LonLat } from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { capDecision } from '../ingest/cap-rules.ts';
import { parseCap } from '../ingest/cap.ts';
import { ingestProblem, keptIncident } from '../ingest/event-rules.ts';
import { GpsTally } from '../ingest/gps-tally.ts';
import { KNOT_KMH, OsmAndReport, reportTime } from '../ingest/gps.ts';
import { typeLabel, type Rejections } from '../metrics.ts';
import { auditLine } from '../socket/audit-trail.ts';
import { BadRequest } from './errors.ts';
import { ingestContext } from './ingest-context.ts';

const EventBatch = z.object({
  scenario: ScenarioId,
  events: z
    .array(z.object({ type: z.string().max(60), payload: z.unknown() }))
    .min(1, { error: 'send at least one event' })
    .max(1_000, { error: 'at most 1,000 events per batch' }),
});

/** GPS reports older than this are history, not a position to draw. */
const MAX_REPORT_AGE_MS = 24 * 3_600_000;

/**
 * Real feeds into the gateway, each behind an API key whose channels the route table checks
 * (`ingest:events`, `ingest:cap`, `ingest:gps`): batches of protocol events (only the types the
 * key lists, checked against the live state as commands are), CAP 1.2 XML alerts, and
 * OsmAnd/Traccar GPS positions of teams. Everything is validated; what is refused is answered
 * with the reason and counted; every call is audited under the key's name (GPS fixes, which come
 * every few seconds per device, as one line per key and minute).
 */
export function ingestRoutes(
  app: FastifyInstance,
  hub: FeedHub,
  audit: AuditGate,
  rejections: Rejections,
): { stop(): void } {
  const { keyOf, scenarioFor, record } = ingestContext(audit, rejections);

  app.addContentTypeParser(
    ['application/xml', 'text/xml', 'application/cap+xml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  // OsmAnd clients may POST their fields as a form (the GPS route is the only one that reads it).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.post('/api/ingest/events', async (req) => {
    const key = keyOf(req);
    const batch = EventBatch.safeParse(req.body);
    if (!batch.success) {
      rejections.count('ingest-events', 'bad batch');
      const detail = z.prettifyError(batch.error);
      record(req, 'ingest:events', 'refused', detail.slice(0, 300), {}, null);
      throw new BadRequest(detail);
    }
    const scenario = scenarioFor(key, batch.data.scenario, 'ingest-events') ?? batch.data.scenario;
    const live = hub.live.get(scenario);
    if (!live) throw new BadRequest(`scenario ${scenario} is not loaded`);
    const rejected: { index: number; error: string }[] = [];
    const accepted = new Map<string, number>();
    let seq: number | null = null;
    // One after another: the batch keeps its order in the log, and each is checked against the
    // state the ones before it made.
    for (const [index, e] of batch.data.events.entries()) {
      const refuse = (error: string) => {
        rejections.count('ingest-events', `refused ${typeLabel(e.type)}`);
        rejected.push({ index, error });
      };
      if (!key.events.has(e.type)) {
        refuse(
          `the key ${key.name} may not publish ${e.type} (it may: ${[...key.events].join(', ')})`,
        );
        continue;
      }
      const time = new Date().toISOString();
      const parsed = parseFeedEvent({ seq: 1, time, scenario, type: e.type, payload: e.payload });
      if (!parsed.ok) {
        refuse(parsed.error);
        continue;
      }
      const problem = ingestProblem(live, parsed.value);
      if (problem) {
        refuse(problem);
        continue;
      }
      const payload =
        parsed.value.type === 'incident:update'
          ? keptIncident(live, parsed.value.payload)
          : parsed.value.payload;
      const r = await hub.publish(scenario, e.type, payload, 'ingest-events');
      if (!r.ok) {
        refuse(r.error);
        continue;
      }
      seq = r.event.seq;
      accepted.set(e.type, (accepted.get(e.type) ?? 0) + 1);
    }
    const count = [...accepted.values()].reduce((n, x) => n + x, 0);
    record(
      req,
      'ingest:events',
      count > 0 ? 'done' : 'refused',
      `accepted ${count} of ${batch.data.events.length}${[...accepted].map(([t, n]) => `, ${t} ×${n}`).join('')}${rejected.length ? `; refused #${rejected.map((r) => r.index).join(', #')}: ${rejected[0]?.error ?? ''}` : ''}`,
      { scenario },
      seq,
    );
    return { accepted: count, rejected, seq: hub.latestSeq() };
  });

  app.post<{ Querystring: { scenario?: string } }>('/api/ingest/cap', async (req) => {
    const key = keyOf(req);
    const scenario = scenarioFor(key, req.query.scenario, 'ingest-cap');
    if (!scenario) {
      rejections.count('ingest-cap', 'bad scenario');
      throw new BadRequest('?scenario= names the jurisdiction (or bind the key to one)');
    }
    if (typeof req.body !== 'string') {
      rejections.count('ingest-cap', 'not xml');
      throw new BadRequest('send the CAP alert as XML (Content-Type: application/cap+xml)');
    }
    const cap = parseCap(req.body);
    if (!cap.ok) {
      rejections.count('ingest-cap', 'invalid CAP');
      record(req, 'ingest:cap', 'refused', cap.error, { scenario }, null);
      throw new BadRequest(cap.error);
    }
    const live = hub.live.get(scenario);
    if (!live) throw new BadRequest(`scenario ${scenario} is not loaded`);
    const about = { scenario, id: cap.warning.identifier };
    const decision = capDecision(cap.warning, live.warnings, Date.now());
    if (decision.kind === 'refuse') {
      rejections.count('ingest-cap', 'refused');
      record(req, 'ingest:cap', 'refused', decision.reason, about, null);
      throw new BadRequest(decision.reason);
    }
    if (decision.kind === 'ignore') {
      rejections.count('ingest-cap', `status ${cap.warning.status}`);
      record(req, 'ingest:cap', 'done', decision.reason, about, null);
      return { accepted: 0, ignored: decision.reason, identifier: cap.warning.identifier };
    }
    const r = await hub.publish(scenario, cap.eventType, cap.warning, 'ingest-cap');
    if (!r.ok) throw new BadRequest(r.error);
    const detail = `${cap.eventType} ${cap.warning.level} ${cap.warning.event} (${cap.warning.status}) from ${cap.warning.sender}`;
    record(req, 'ingest:cap', 'done', detail, about, r.event.seq);
    return {
      accepted: 1,
      type: cap.eventType,
      identifier: cap.warning.identifier,
      seq: r.event.seq,
    };
  });

  const tally = new GpsTally((keyName, line) => {
    // One audit line per key and minute (a device reports every few seconds).
    void audit.done(
      auditLine(
        { subject: `key:${keyName}`, role: 'api_key' },
        'ingest:gps',
        {},
        'done',
        line,
        null,
        null,
        null,
      ),
    );
  });
  const gps = async (req: FastifyRequest) => {
    const key = keyOf(req);
    const query = req.query as Record<string, unknown>;
    const params: Record<string, unknown> = {
      ...query,
      ...(typeof req.body === 'object' && req.body ? req.body : {}),
    };
    const refuse = (reason: string, error: string): never => {
      rejections.count('ingest-gps', reason);
      tally.refused(key.name);
      throw new BadRequest(error);
    };
    const report = OsmAndReport.safeParse(params);
    if (!report.success) return refuse('invalid report', z.prettifyError(report.error));
    const now = Date.now();
    const at = reportTime(report.data.timestamp, now);
    if (typeof at === 'string') return refuse('bad timestamp', at);
    rejections.lag.observe(Math.max(0, (now - at) / 1000));
    if (at > now + 5 * 60_000 || now - at > MAX_REPORT_AGE_MS)
      return refuse(
        'timestamp out of range',
        'timestamp is more than 5 minutes ahead or a day behind the gateway clock',
      );
    // A device is one team in one jurisdiction: the key's, the one the report names, or the only
    // scenario that has a team with this id. Team ids repeat across jurisdictions: never guess.
    const named = scenarioFor(key, params.scenario, 'ingest-gps');
    const candidates = named
      ? [named]
      : [...hub.live].filter(([, live]) => live.teams.has(report.data.id)).map(([id]) => id);
    const scenario = candidates[0];
    if (candidates.length > 1)
      return refuse(
        'ambiguous team',
        `team id ${report.data.id} exists in ${candidates.join(' and ')}: add &scenario= to the device's server URL or bind the key to one jurisdiction`,
      );
    if (!scenario || !hub.live.get(scenario)?.teams.has(report.data.id))
      return refuse(
        'unknown team',
        `no team with id ${report.data.id}${named ? ` in ${named}` : ''}`,
      );
    const position: LonLat = [report.data.lon, report.data.lat];
    // An older fix than the team's current one goes into the log as history; it does not move it.
    const current = hub.live.get(scenario)?.teams.get(report.data.id)?.positionAt;
    const moves = current === undefined || at >= Date.parse(current);
    const bearing = report.data.bearing ?? report.data.heading;
    const r = await hub.publish(
      scenario,
      'team:move',
      {
        id: report.data.id,
        position,
        at: new Date(at).toISOString(),
        ...(bearing !== undefined ? { bearing } : {}),
        ...(report.data.speed !== undefined
          ? { speedKmh: Math.round(report.data.speed * KNOT_KMH * 10) / 10 }
          : {}),
      },
      'ingest-gps',
    );
    if (!r.ok) return refuse('invalid', r.error);
    tally.accepted(key.name, `${scenario}/${report.data.id}`);
    return { accepted: 1, seq: r.event.seq, moved: moves };
  };
  app.get('/api/ingest/gps', gps);
  app.post('/api/ingest/gps', gps);
  return { stop: () => tally.stop() };
}
