import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AnswerBody,
  ScenarioId,
  type Answer,
  type AnswerView,
  type CalloutSetup,
  type OutboxAnswer,
} from '../../shared/protocol/index.ts';
import { VoiceReport, answerOfKey } from '../callout/aliyun-messenger.ts';
import type { CalloutDesk } from '../callout/callout-desk.ts';
import { LoopbackMessenger } from '../callout/loopback-messenger.ts';
import type { Rejections } from '../metrics.ts';
import { BadRequest, Gone, NotFound } from './errors.ts';

/**
 * 叫应's HTTP side. The answer link's page reads and posts its one call (the token is the only
 * credential it needs: it answers that call and nothing else); the voice provider's receipts
 * arrive the same way (the call carried the token as its OutId); admins read the loopback outbox;
 * anyone reading the map may see how calling is set up.
 */
export function calloutRoutes(
  app: FastifyInstance,
  d: {
    scenarios: ReadonlySet<ScenarioId>;
    callouts: CalloutDesk;
    setup: CalloutSetup;
    rejections: Rejections;
  },
): void {
  const refuse = (r: { status: 404 | 410; error: string }): never => {
    throw r.status === 410 ? new Gone(r.error) : new NotFound(r.error);
  };
  app.get<{ Params: { token: string } }>('/api/answer/:token', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    const r = d.callouts.view(req.params.token);
    return r.ok ? (r.view satisfies AnswerView) : refuse(r);
  });
  app.post<{ Params: { token: string } }>('/api/answer/:token', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    const body = AnswerBody.safeParse(req.body);
    if (!body.success) throw new BadRequest(z.prettifyError(body.error));
    const r = await d.callouts.answer(req.params.token, body.data, 'link');
    return r.ok ? (r.view satisfies AnswerView) : refuse(r);
  });
  // Alibaba Cloud's VoiceReport push: a JSON array; it expects {code: 0} back for a batch taken.
  app.post('/api/callouts/aliyun/voice-report', async (req) => {
    const batch = VoiceReport.safeParse(req.body);
    if (!batch.success) throw new BadRequest(z.prettifyError(batch.error));
    let answered = 0;
    for (const record of batch.data) {
      const answer = answerOfKey(record.dtmf);
      if (!answer || !record.out_id) continue;
      const r = await d.callouts.answer(record.out_id, { answer }, 'voice');
      if (r.ok) answered++;
      else d.rejections.count('callout', 'voice receipt for no call');
    }
    return { code: 0, msg: `成功 (${answered} answered)` };
  });
  app.get<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/callouts/outbox',
    async (req) => {
      const id = ScenarioId.safeParse(req.params.scenario);
      if (!id.success || !d.scenarios.has(id.data))
        throw new NotFound(`no scenario "${req.params.scenario}"`);
      const m = d.callouts.messenger;
      if (!(m instanceof LoopbackMessenger))
        throw new NotFound(`the ${m.name} provider sends for real: there is no outbox to read`);
      return { scenario: id.data, messages: [...m.outbox(id.data)] } satisfies Answer<
        typeof OutboxAnswer
      >;
    },
  );
  app.get('/api/callouts/setup', async () => d.setup satisfies CalloutSetup);
}
