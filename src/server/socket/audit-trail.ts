import { ScenarioId, type AuditRole, type NewAuditEntry } from '../../shared/protocol/index.ts';
import type { FeedHub } from '../feed/feed-hub.ts';

/** What a command is about, as far as its input can be read (even a refused one). */
export function targetOf(input: unknown): { scenario: ScenarioId | null; id: string | null } {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const parsed = ScenarioId.safeParse(o.scenario);
  const scenario = parsed.success ? parsed.data : null;
  return { scenario, id: typeof o.id === 'string' ? o.id.slice(0, 100) : null };
}

/** The part of the state a command changes, for the before → after of its audit line. */
export function stateOf(hub: FeedHub, name: string, input: unknown): unknown {
  const { scenario, id } = targetOf(input);
  const live = scenario ? hub.live.get(scenario) : undefined;
  if (!live || !id) return null;
  if (name === 'team:set-status') {
    const t = live.teams.get(id);
    return t ? { status: t.status } : null;
  }
  if (name === 'hazard:transition') {
    const h = live.hazards.get(id);
    return h ? { status: h.status, deadline: h.deadline } : null;
  }
  const i = live.incidents.get(id);
  if (!i) return null;
  const teams = i.assignedTeamIds.map((t) => ({ id: t, status: live.teams.get(t)?.status }));
  return { status: i.status, teams };
}

export function auditLine(
  who: { subject: string; role: AuditRole },
  /** A socket command, `plan:publish` (HTTP for its size), an ingest call or a refused route. */
  name: string,
  input: unknown,
  outcome: 'done' | 'refused',
  detail: string,
  before: unknown,
  after: unknown,
  seq: number | null,
): NewAuditEntry {
  const { scenario, id } = targetOf(input);
  const reason = (input as { reason?: unknown } | null)?.reason;
  return {
    time: new Date().toISOString(),
    subject: who.subject,
    role: who.role,
    command: name,
    scenario,
    target: id,
    outcome,
    detail: detail.slice(0, 500),
    reason: typeof reason === 'string' ? reason.slice(0, 500) : null,
    before,
    after,
    seq,
  };
}
