import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { z } from 'zod';
import { AuditQuery } from '../../shared/protocol/index.ts';
import { verifyToken } from '../auth.ts';
import type { EventStore } from '../feed/event-store.ts';
import { BadRequest, Unauthorized } from './errors.ts';

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
 * JSON or as CSV (UTF-8 with a byte-order mark, so Excel shows the Chinese right). Names and
 * actions are sensitive: a duty officer's or admin's token is required.
 */
export function auditRoutes(app: FastifyInstance, store: EventStore, secret: string | null): void {
  app.get<{ Querystring: Record<string, unknown> }>('/api/audit', async (req, reply) => {
    const header = req.headers.authorization ?? '';
    if (!secret || !header.startsWith('Bearer '))
      throw new Unauthorized('the audit log needs a duty officer’s or admin’s token');
    const who = await verifyToken(secret, header.slice(7)).catch((e: unknown) => {
      throw new Unauthorized((e as Error).message);
    });
    if (who.role !== 'duty_officer' && who.role !== 'admin')
      throw new Unauthorized(`a ${who.role} may not read the audit log`);
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
    return `\uFEFF${Papa.unparse(rows, { columns: [...COLUMNS] })}`;
  });
}
