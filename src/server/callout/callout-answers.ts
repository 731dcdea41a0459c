import {
  type AnswerBody,
  type AnswerChannel,
  type AnswerView,
  type Callout,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { ROLE_TITLE_ZH } from '../../shared/callout/roster.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';
import type { AnswerTokens } from './answer-token.ts';

export type AnswerResult =
  | { ok: true; view: AnswerView }
  | { ok: false; status: 404 | 410; error: string };

/**
 * The answering side of 叫应: what a link shows its holder and what their answer (by the link's
 * page or a voice call's key press) puts in the log. Stateless beyond the live state, so any node
 * of a scaled-out gateway answers, not only the one that calls.
 */
export class CalloutAnswers {
  constructor(
    private readonly d: {
      hub: FeedHub;
      audit: AuditGate;
      tokens: AnswerTokens;
      rejections: Rejections;
      exercise: boolean;
    },
  ) {}

  /** What the link's page shows its holder, or why it shows nothing. */
  view(token: string): AnswerResult {
    const found = this.find(token);
    if (!found.ok) return found;
    return { ok: true, view: viewOf(found.callout, this.d.exercise) };
  }

  /**
   * A person's answer, through their link or a key press: an event (`callout:answer`) and an
   * audit line. The same answer again changes nothing; a new one (需要支援 after 收到) is recorded.
   */
  async answer(token: string, body: AnswerBody, channel: AnswerChannel): Promise<AnswerResult> {
    const found = this.find(token);
    if (!found.ok) return found;
    const { scenario, callout: c } = found;
    // Once reached, a later 收到 (a second call's key press) adds nothing to a fuller report.
    const same = c.answer === body.answer && (body.note ?? '') === (c.note ?? '');
    if (same || (c.answer && body.answer === 'received' && !body.note))
      return { ok: true, view: viewOf(c, this.d.exercise) };
    const r = await this.d.hub.publish(
      scenario,
      'callout:answer',
      {
        id: c.id,
        at: new Date().toISOString(),
        answer: body.answer,
        channel,
        ...(body.note ? { note: body.note } : {}),
      },
      'callout',
    );
    if (!r.ok) throw new Error(`callout:answer refused: ${r.error}`);
    void this.d.audit.done({
      time: r.event.time,
      subject: `callee:${c.person} ${c.name}`.slice(0, 200),
      role: 'callee',
      command: 'callout:answer',
      scenario,
      target: c.id,
      outcome: 'done',
      detail: `${body.answer} by ${channel}${body.note ? `: ${body.note}` : ''}`.slice(0, 500),
      reason: null,
      before: { status: c.status, answer: c.answer ?? null },
      after: { status: 'answered', answer: body.answer },
      seq: r.event.seq,
    });
    const now = this.d.hub.live.get(scenario)?.callouts.get(c.id) ?? c;
    return { ok: true, view: viewOf(now, this.d.exercise) };
  }

  private find(
    token: string,
  ):
    | { ok: true; scenario: ScenarioId; callout: Callout }
    | { ok: false; status: 404 | 410; error: string } {
    const t = this.d.tokens.read(token);
    if (!t) {
      this.d.rejections.count('callout', 'bad answer link');
      return { ok: false, status: 404, error: 'this answer link is not valid (链接无效)' };
    }
    const scenario = t.scenario;
    const c = this.d.hub.live.get(scenario)?.callouts.get(t.callout);
    if (!c)
      return {
        ok: false,
        status: 410,
        error: 'this call has ended: its warning is no longer in force (叫应已结束)',
      };
    return { ok: true, scenario, callout: c };
  }
}

function viewOf(c: Callout, exercise: boolean): AnswerView {
  return {
    name: c.name,
    roleTitle: ROLE_TITLE_ZH[c.role],
    areaName: c.areaName,
    headline: c.headline,
    level: c.level,
    openedAt: c.openedAt,
    status: c.status,
    ...(c.answer ? { answer: c.answer } : {}),
    ...(c.answeredAt ? { answeredAt: c.answeredAt } : {}),
    exercise,
  };
}
