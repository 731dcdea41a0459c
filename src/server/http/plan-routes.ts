import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PlanDraft, ScenarioId, type Role } from '../../shared/protocol/index.ts';
import { verifyToken, type Principal } from '../auth.ts';
import type { EventStore } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';
import { auditLine } from '../socket/audit-trail.ts';
import { BadRequest, NotFound, Unauthorized } from './errors.ts';

const MAY_PUBLISH: readonly Role[] = ['planner', 'duty_officer', 'admin'];

/**
 * Transfer plans. Publishing is an HTTP POST rather than a socket command because a plan for a
 * large area is bigger than the socket's 64 KiB message cap; it is acknowledged, validated,
 * role-checked and audited like the commands, versioned per scenario, and reaches every console
 * as a `plan:publish` event.
 */
export function planRoutes(
  app: FastifyInstance,
  hub: FeedHub,
  store: EventStore,
  secret: string | null,
  rejections: Rejections,
): void {
  const liveOf = (scenario: string) => {
    const id = ScenarioId.safeParse(scenario);
    const live = id.success ? hub.live.get(id.data) : undefined;
    if (!id.success || !live) throw new NotFound(`no scenario "${scenario}"`);
    return { id: id.data, live };
  };

  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/plans/current', (req) => {
    const { live } = liveOf(req.params.scenario);
    return Promise.resolve({
      seq: live.seq,
      plan: live.plan,
      progress: [...live.progress.values()],
    });
  });

  app.post<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/plans',
    { bodyLimit: 4 * 1024 * 1024 },
    async (req, reply) => {
      const { id: scenario, live } = liveOf(req.params.scenario);
      const header = req.headers.authorization ?? '';
      if (!secret || !header.startsWith('Bearer '))
        throw new Unauthorized(
          'publishing a plan needs a planner’s, duty officer’s or admin’s token',
        );
      const who: Principal = await verifyToken(secret, header.slice(7)).catch((e: unknown) => {
        throw new Unauthorized((e as Error).message);
      });
      const refuse = async (detail: string) => {
        rejections.count('command', `plan:publish refused`);
        await store.appendAudit(
          auditLine(who, 'plan:publish', { scenario }, 'refused', detail, null, null, null),
        );
      };
      if (!MAY_PUBLISH.includes(who.role)) {
        const detail = `forbidden: a ${who.role} may not publish a plan (needs ${MAY_PUBLISH.join(', ')})`;
        await refuse(detail);
        throw new Unauthorized(detail);
      }
      const draft = PlanDraft.safeParse(req.body);
      if (!draft.success || draft.data.scenario !== scenario) {
        const detail = draft.success
          ? `the plan is for ${draft.data.scenario}, not ${scenario}`
          : `plan: ${z.prettifyError(draft.error)}`;
        await refuse(detail);
        throw new BadRequest(detail);
      }
      const unknown = draft.data.assignments.find((a) => !live.shelters.has(a.shelter));
      if (unknown) {
        const detail = `no shelter ${unknown.shelter} in ${scenario}`;
        await refuse(detail);
        throw new BadRequest(detail);
      }
      const version = (live.plan?.version ?? 0) + 1;
      const plan = {
        ...draft.data,
        id: `PLAN-${scenario}-${version}`,
        version,
        publishedAt: new Date().toISOString(),
        publishedBy: who.subject,
      };
      const r = await hub.publish(scenario, 'plan:publish', plan, 'command');
      if (!r.ok) throw new BadRequest(r.error);
      await store.appendAudit(
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
