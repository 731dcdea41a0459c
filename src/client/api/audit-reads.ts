import { AuditAnswer, type AuditEntry, type Session } from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { apiFetch, readJson } from './read-api.ts';

/** What the audit log is narrowed to (empty: any). */
export interface AuditFilters {
  command: string;
  subject: string;
  outcome: '' | 'done' | 'refused';
}

function auditUrl(f: AuditFilters, format: 'json' | 'csv'): string {
  const q = new URLSearchParams({ limit: '500', format });
  if (f.command) q.set('command', f.command);
  if (f.subject.trim()) q.set('subject', f.subject.trim());
  if (f.outcome) q.set('outcome', f.outcome);
  return `/api/audit?${q.toString()}`;
}

/** The newest 500 audit entries matching `f`, read with the session's own token. */
export async function fetchAudit(
  session: Session,
  f: AuditFilters,
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  return (await readJson(auditUrl(f, 'json'), AuditAnswer, { signal, token: session.token }))
    .entries;
}

/** The same selection as CSV (UTF-8 with BOM, for Excel). */
export async function fetchAuditCsv(session: Session, f: AuditFilters): Promise<Blob> {
  const res = await apiFetch(auditUrl(f, 'csv'), {
    headers: { authorization: `Bearer ${session.token}` },
  });
  if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText}`);
  return res.blob();
}
