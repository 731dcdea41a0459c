import type { FastifyRequest } from 'fastify';
import { ScenarioId } from '../../shared/protocol/index.ts';
import { auditIdentity, type AuditGate } from '../access/audit-gate.ts';
import type { ApiKey } from '../access/principal.ts';
import type { Rejections } from '../metrics.ts';
import { auditLine } from '../socket/audit-trail.ts';
import { BadRequest, Forbidden } from './errors.ts';

/** What every ingest route needs: the caller's key, the scenario it feeds, its audit line. */
export function ingestContext(audit: AuditGate, rejections: Rejections) {
  /** The key behind a request (the route's class has admitted only keys with its channel). */
  const keyOf = (req: FastifyRequest): ApiKey => {
    if (req.principal.kind !== 'key') throw new Error('unreachable: ingest classes admit keys');
    return req.principal.key;
  };
  /** The scenario a call is for: the key's own, or the one it names (not another). */
  const scenarioFor = (key: ApiKey, named: unknown, channel: string): ScenarioId | null => {
    if (named === undefined || named === '') return key.scenario;
    const s = ScenarioId.safeParse(named);
    if (!s.success) {
      rejections.count(channel, 'bad scenario');
      throw new BadRequest(
        `scenario must be one of the gateway's scenarios, not "${JSON.stringify(named)}"`,
      );
    }
    if (key.scenario && key.scenario !== s.data) {
      rejections.count(channel, 'scenario not the key’s');
      throw new Forbidden(`the key ${key.name} feeds ${key.scenario}, not ${s.data}`);
    }
    return s.data;
  };
  const record = (
    req: FastifyRequest,
    command: string,
    outcome: 'done' | 'refused',
    detail: string,
    about: { scenario?: string; id?: string },
    seq: number | null,
  ) => {
    const who = auditIdentity(req.principal);
    if (!who) return;
    if (outcome === 'done')
      void audit.done(auditLine(who, command, about, 'done', detail, null, null, seq));
    else
      audit.refused(req.principal, command, 'refused', req.ip, (w) =>
        auditLine(w, command, about, 'refused', detail, null, null, null),
      );
  };

  return { keyOf, scenarioFor, record };
}
