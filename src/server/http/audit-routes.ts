import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { z } from 'zod';
import { CSV_ESCAPE } from '../../shared/export/inert-cells.ts';
import { AuditQuery } from '../../shared/protocol/index.ts';
import type { EventStore } from '../feed/event-store.ts';
import { BadRequest } from './errors.ts';

const COLUMNS = [
  'id',
  'time',
  'subject',
  'role',
  'command',
  'scenario',
  'target',
  'outcome',
  'detail',
  'reason',
  'before',
  'after',
  'seq',
] as const;

/**
 * `GET /api/audit` — the audit log, newest first, filtered by command, subject and outcome; as
 * JSON or as CSV (UTF-8 with a byte-order mark, so Excel shows the Chinese right; a cell that
 * would be a formula is written as text). Names and actions are sensitive: the route's class
 * (`audit`) admits duty officers and admins only.
 */
export function auditRoutes(app: FastifyInstance, store: EventStore): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/audit', async (req, reply) => {
    const q = AuditQuery.safeParse(req.query);
    if (!q.success) throw new BadRequest(z.prettifyError(q.error));
    const entries = await store.readAudit(q.data);
    if (q.data.format === 'json') return { entries };
    const rows = entries.map((e) => ({
      ...e,
      before: JSON.stringify(e.before ?? null),
      after: JSON.stringify(e.after ?? null),
    }));
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="onemap-audit.csv"');
    return `\uFEFF${Papa.unparse(rows, { columns: [...COLUMNS], ...CSV_ESCAPE })}`;
  });
}
