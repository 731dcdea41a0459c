import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { unaccountedOf } from '../../shared/people/accounting.ts';
import { checkinsOf } from '../../shared/people/roll.ts';
import { unaccountedCsv } from '../../shared/people/unaccounted-csv.ts';
import {
  CheckinLinkRequest,
  ScanBatch,
  ScenarioId,
  type CheckinLink,
  type CheckinView,
  type RegisterSummary,
  type ResponsiblePerson,
  type RollAnswer,
  type ScanAnswer,
  type VillagePeople,
} from '../../shared/protocol/index.ts';
import { auditIdentity, type AuditGate } from '../access/audit-gate.ts';
import type { EntityCollection } from '../data/collection.ts';
import { areaName, type ScenarioData } from '../data/scenario-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { RollDesk } from '../people/roll-desk.ts';
import { auditLine } from '../socket/audit-trail.ts';
import { BadRequest, NotFound } from './errors.ts';

/**
 * Transfer by name over HTTP. The check-in page reads its door and posts its queued scans (the
 * link's token is its only credential, as with 叫应's answer links); the console reads the roll
 * and a village's register by name (signed in), the registers' figures (anyone reading the map:
 * no names), and makes check-in links (planners and duty officers, audited).
 */
export function rollRoutes(
  app: FastifyInstance,
  d: {
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
    hub: FeedHub;
    desk: RollDesk;
    audit: AuditGate;
  },
): void {
  const scenarioOf = (raw: string) => {
    const id = ScenarioId.safeParse(raw);
    const data = id.success ? d.scenarios.get(id.data) : undefined;
    const live = id.success ? d.hub.live.get(id.data) : undefined;
    if (!id.success || !data || !live) throw new NotFound(`no scenario "${raw}"`);
    return { id: id.data, data, live };
  };
  const registerOf = (raw: string) => {
    const s = scenarioOf(raw);
    if (!s.data.register)
      throw new NotFound(`${s.id} has no transfer registers (转移名单): import them first`);
    return { ...s, register: s.data.register };
  };

  app.get<{ Params: { token: string } }>('/api/checkin/:token', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    const r = d.desk.view(req.params.token);
    if (!r.ok) throw new NotFound(r.error);
    return r.value satisfies CheckinView;
  });
  app.post<{ Params: { token: string } }>('/api/checkin/:token', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    const batch = ScanBatch.safeParse(req.body);
    if (!batch.success) throw new BadRequest(z.prettifyError(batch.error));
    const r = await d.desk.scan(req.params.token, batch.data.scans);
    if (!r.ok) throw new NotFound(r.error);
    return { results: r.value } satisfies ScanAnswer;
  });

  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/roll', async (req) => {
    const { live } = scenarioOf(req.params.scenario);
    return { seq: live.seq, checkins: [...checkinsOf(live.roll)] } satisfies RollAnswer;
  });
  app.get<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/people/villages',
    async (req) => {
      const { data } = scenarioOf(req.params.scenario);
      return {
        villages: data.register?.summary() ?? [],
        synthetic: Number(data.register?.meta.synthetic ?? 0) === 1,
      } satisfies RegisterSummary;
    },
  );
  app.get<{ Params: { scenario: string }; Querystring: { village?: string } }>(
    '/api/scenarios/:scenario/people',
    async (req) => {
      const { register } = registerOf(req.params.scenario);
      const village = z
        .string()
        .regex(/^\d{12}$/, { error: 'village must be a 12-digit code' })
        .safeParse(req.query.village);
      if (!village.success) throw new BadRequest(z.prettifyError(village.error));
      return {
        village: village.data,
        people: register.people(village.data),
      } satisfies VillagePeople;
    },
  );
  // 未落实人员名单 of a township (or the whole jurisdiction): names, so signed-in readers only.
  app.get<{ Params: { scenario: string }; Querystring: { township?: string } }>(
    '/api/scenarios/:scenario/people/unaccounted.csv',
    async (req, reply) => {
      const { id, data, live, register } = registerOf(req.params.scenario);
      const township = req.query.township;
      if (township !== undefined && !/^\d{9}$/.test(township))
        throw new BadRequest('township must be a 9-digit code');
      const persons = data.collections.get('responsible-persons') as
        | EntityCollection<'responsible-persons'>
        | undefined;
      const heads = new Map<string, ResponsiblePerson[]>();
      for (const p of persons?.entities ?? []) {
        if (p.role !== 'village-head' && p.role !== 'grid-head') continue;
        heads.set(p.areaCode, [...(heads.get(p.areaCode) ?? []), p]);
      }
      const rows = register
        .summary()
        .filter((v) => !township || v.village.startsWith(township))
        .flatMap((v) =>
          unaccountedOf(register.people(v.village), live.roll).map((person) => ({
            township: areaName(data, v.village.slice(0, 9)) ?? v.village.slice(0, 9),
            village: areaName(data, v.village) ?? v.village,
            person,
            responsible: heads.get(v.village) ?? [],
          })),
        );
      const file = `${id}-${township ?? 'all'}-unaccounted.csv`;
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}"`)
        .header('cache-control', 'no-store');
      return unaccountedCsv(rows, new Date().getFullYear());
    },
  );
  app.post<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/checkin-links',
    async (req, reply) => {
      const { id: scenario } = registerOf(req.params.scenario);
      const who = auditIdentity(req.principal);
      if (!who) throw new Error('unreachable: the planner class admits operators only');
      const body = CheckinLinkRequest.safeParse(req.body);
      if (!body.success) throw new BadRequest(z.prettifyError(body.error));
      const link = d.desk.link(scenario, body.data.kind, body.data.place);
      if (!link)
        throw new NotFound(
          body.data.kind === 'shelter'
            ? `no shelter ${body.data.place} in ${scenario}`
            : `no village ${body.data.place} in ${scenario}`,
        );
      await d.audit.done(
        auditLine(
          who,
          'checkin:link',
          { scenario, id: body.data.place },
          'done',
          `check-in link for ${link.placeName}`,
          null,
          null,
          null,
        ),
      );
      void reply.code(201);
      return link satisfies CheckinLink;
    },
  );
}
