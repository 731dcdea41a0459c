import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  PlanDraft,
  ScenarioId,
  type Answer,
  type PlanInForceAnswer,
} from '../../shared/protocol/index.ts';
import { auditIdentity, type AuditGate } from '../access/audit-gate.ts';
import { audienceOfRequest } from '../access/http-guard.ts';
import { ConflictError } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { auditLine } from '../socket/audit-trail.ts';
import { BadRequest, NotFound } from './errors.ts';

/**
 * Transfer plans. Publishing is an HTTP POST rather than a socket command because a plan for a
 * large area is bigger than the socket's 64 KiB message cap; it is acknowledged, validated,
 * role-checked and audited like the commands, versioned per scenario, and reaches every console
 * as a `plan:publish` event.
 */
export function planRoutes(app: FastifyInstance, hub: FeedHub, audit: AuditGate): void {
  const liveOf = (scenario: string) => {
    const id = ScenarioId.safeParse(scenario);
    const live = id.success ? hub.live.get(id.data) : undefined;
    if (!id.success || !live) throw new NotFound(`no scenario "${scenario}"`);
    return { id: id.data, live };
  };

  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/plans/current', (req) => {
    const { live } = liveOf(req.params.scenario);
    const plan =
      live.plan && audienceOfRequest(req) === 'public'
        ? { ...live.plan, publishedBy: undefined }
        : live.plan;
    return Promise.resolve({
      seq: live.seq,
      plan,
      progress: [...live.progress.values()],
    } satisfies Answer<typeof PlanInForceAnswer>);
  });

  app.post<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/plans',
    { bodyLimit: 4 * 1024 * 1024 },
    async (req, reply) => {
      const { id: scenario, live } = liveOf(req.params.scenario);
      // The route's class (planner) has let only planners, duty officers and admins this far.
      const who = auditIdentity(req.principal);
      if (!who) throw new Error('unreachable: the planner class admits operators only');
      const refuse = (detail: string) => {
        audit.refused(req.principal, 'command', 'plan:publish refused', req.ip, (w) =>
          auditLine(w, 'plan:publish', { scenario }, 'refused', detail, null, null, null),
        );
        return new BadRequest(detail);
      };
      const draft = PlanDraft.safeParse(req.body);
      if (!draft.success) throw refuse(`plan: ${z.prettifyError(draft.error)}`);
      if (draft.data.scenario !== scenario)
        throw refuse(`the plan is for ${draft.data.scenario}, not ${scenario}`);
      const unknown = draft.data.assignments.find((a) => !live.shelters.has(a.shelter));
      if (unknown) throw refuse(`no shelter ${unknown.shelter} in ${scenario}`);
      // The next version of the plan in force, committed only if no other plan (or other change)
      // landed since it was read — scaled out, two planners on two nodes would otherwise both
      // publish the same version.
      const publish = async (attempt: number) => {
        const inForce = hub.live.get(scenario)?.plan ?? live.plan;
        const version = (inForce?.version ?? 0) + 1;
        const plan = {
          ...draft.data,
          id: `PLAN-${scenario}-${version}`,
          version,
          publishedAt: new Date().toISOString(),
          publishedBy: who.subject,
        };
        const expect = hub.decisionVersion(scenario);
        try {
          const r = await hub.publish(scenario, 'plan:publish', plan, 'command', { expect });
          return { r, plan, version };
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= 5) throw error;
          await hub.catchUp(scenario, error.version);
          return null;
        }
      };
      let published: Awaited<ReturnType<typeof publish>> = null;
      for (let attempt = 1; !published; attempt++) published = await publish(attempt);
      const { r, plan, version } = published;
      if (!r.ok) throw new BadRequest(r.error);
      await audit.done(
        auditLine(
          who,
          'plan:publish',
          { scenario, id: plan.id },
          'done',
          `${plan.hazardName}: ${plan.assignments.length} assignments`,
          live.plan ? { version: version - 1 } : null,
          { version, people: plan.assignments.reduce((n, a) => n + a.people, 0) },
          r.event.seq,
        ),
      );
      void reply.code(201);
      return { id: plan.id, version, seq: r.event.seq };
    },
  );
}
