import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { DEFAULT_CALLOUT_POLICY } from '../../shared/callout/rounds.ts';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';
import type { CalloutConfig } from '../wiring/gateway-options.ts';
import { AliyunMessenger } from './aliyun-messenger.ts';
import { AnswerTokens } from './answer-token.ts';
import { CalloutDesk } from './callout-desk.ts';
import { LoopbackMessenger } from './loopback-messenger.ts';
import type { Messenger } from './messenger.ts';

/** The 叫应 desk as configured: its provider, its links' secret and address, its policy. */
export function makeCalloutDesk(
  config: CalloutConfig,
  d: {
    scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
    hub: FeedHub;
    audit: AuditGate;
    rejections: Rejections;
    log: FastifyBaseLogger;
    exercise: boolean;
    tokenSecret: string | null;
    listenUrl: () => string;
  },
): CalloutDesk {
  const p = config.provider ?? { kind: 'loopback' };
  const messenger: Messenger =
    p.kind === 'aliyun' ? new AliyunMessenger(p) : new LoopbackMessenger();
  if (!messenger.delivers && !d.exercise)
    d.log.warn(
      '叫应: no messaging provider is configured (CALLOUT_PROVIDER): calls are kept in the loopback outbox, not sent',
    );
  // Without a secret, links last as long as this run (a restart makes new ones on the next round).
  const secret = config.secret ?? d.tokenSecret ?? randomBytes(32).toString('hex');
  return new CalloutDesk({
    scenarios: d.scenarios,
    hub: d.hub,
    audit: d.audit,
    messenger,
    tokens: new AnswerTokens(secret),
    publicUrl: () => config.publicUrl ?? d.listenUrl(),
    rejections: d.rejections,
    log: d.log,
    exercise: d.exercise,
    options: {
      policy: {
        answerMs: (config.answerMinutes ?? DEFAULT_CALLOUT_POLICY.answerMs / 60_000) * 60_000,
        rounds: config.rounds ?? DEFAULT_CALLOUT_POLICY.rounds,
      },
      levels: config.levels ?? ['orange', 'red'],
      onFirings: config.onFirings ?? false,
    },
  });
}
