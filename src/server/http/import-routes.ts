import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseMapping } from '../../shared/import/column-mapping.ts';
import { REGISTER_CRS } from '../../shared/import/positions.ts';
import {
  ImportRegister,
  ScenarioId,
  type Answer,
  type ImportReport,
} from '../../shared/protocol/index.ts';
import type { ImportReport as ImportReportSchema } from '../../shared/protocol/index.ts';
import { auditIdentity, type AuditGate } from '../access/audit-gate.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import { MAX_IMPORT_BYTES } from '../import/read-tables.ts';
import { templateOf } from '../../shared/import/registers/index.ts';
import { runImport, writeReport, type ImportOutcome } from '../import/run-import.ts';
import { writeTemplate } from '../import/templates.ts';
import { auditLine } from '../socket/audit-trail.ts';
import { BadRequest, Conflict, NotFound } from './errors.ts';

const Options = z.object({
  apply: z.enum(['0', '1']).default('0'),
  merge: z.enum(['0', '1']).default('0'),
  crs: z
    .enum(REGISTER_CRS, { error: `crs must be one of ${REGISTER_CRS.join(', ')}` })
    .default('wgs84'),
  /** `xlsx`: answer the report as a workbook (every problem, not the first thousand); never applies. */
  report: z.enum(['json', 'xlsx'], { error: 'report must be json or xlsx' }).default('json'),
  /** Read the file as this register, with `columns` (JSON: header → field) mapped by hand. */
  register: z.string().optional(),
  columns: z.string().max(20_000).optional(),
});

/** Problems sent in one answer (all of them are in the count, and in a CLI report). */
const MAX_PROBLEMS = 1_000;

/**
 * 数据管理 through the gateway (admins): a register file in the body is checked (and, asked to,
 * applied) exactly as `npm run import` does; the version it makes is served at once. Templates
 * to fill. One import at a time; each is an audit line, done or refused.
 */
export function importRoutes(
  app: FastifyInstance,
  dataDir: string,
  scenarios: ReadonlyMap<ScenarioId, ScenarioData>,
  audit: AuditGate,
  serveVersion: (id: ScenarioId) => Promise<void>,
): void {
  let running = false;
  const served = (raw: string) => {
    const id = ScenarioId.safeParse(raw);
    if (!id.success || !scenarios.has(id.data)) throw new NotFound(`no scenario "${raw}"`);
    return id.data;
  };
  // Register files arrive as they are: bytes, their name in a header.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  app.get<{ Params: { scenario: string; register: string } }>(
    '/api/scenarios/:scenario/imports/templates/:register',
    async (req, reply) => {
      served(req.params.scenario);
      const register = ImportRegister.safeParse(req.params.register);
      if (!register.success)
        throw new NotFound(
          `no register "${req.params.register}": ${ImportRegister.options.join(', ')}`,
        );
      const template = templateOf(register.data);
      const dir = await mkdtemp(join(tmpdir(), 'onemap-template-'));
      try {
        const path = join(dir, `${register.data}.xlsx`);
        await writeTemplate(template, path);
        void reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="${register.data}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${template.name.zh}模板.xlsx`)}`,
          );
        return await readFile(path);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.post<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/imports',
    { bodyLimit: MAX_IMPORT_BYTES },
    async (req, reply) => {
      const scenario = served(req.params.scenario);
      // The route's class (admin) has let only administrators this far.
      const who = auditIdentity(req.principal);
      if (!who) throw new Error('unreachable: the admin class admits operators only');
      const refuse = (detail: string) => {
        audit.refused(req.principal, 'command', 'import refused', req.ip, (w) =>
          auditLine(w, 'data:import', { scenario }, 'refused', detail, null, null, null),
        );
        return new BadRequest(detail);
      };
      const options = Options.safeParse(req.query);
      if (!options.success) throw refuse(z.prettifyError(options.error));
      const asWorkbook = options.data.report === 'xlsx';
      if (asWorkbook && options.data.apply === '1')
        throw refuse('report=xlsx checks and reports; it does not apply (send apply=0)');
      const mapping = parseMapping(options.data.register, options.data.columns);
      if (typeof mapping === 'string') throw refuse(mapping);
      const rawName = req.headers['x-file-name'];
      const name = basename(decodeURIComponent(typeof rawName === 'string' ? rawName : ''));
      if (!/\.(xlsx|csv|osm|pbf|geojson|json|zip)$/i.test(name))
        throw refuse(
          'x-file-name must name a register (.xlsx, .csv), roads (.osm, .osm.pbf) or boundaries (.geojson, a Shapefile in a .zip), URL-encoded',
        );
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        throw refuse('the body must be the file (Content-Type: application/octet-stream)');
      if (running) throw new Conflict('another import is running: try again in a moment');
      running = true;
      const dir = await mkdtemp(join(tmpdir(), 'onemap-import-'));
      try {
        const path = join(dir, `upload${extname(name).toLowerCase()}`);
        await writeFile(path, req.body);
        const outcome = await runImport({
          dataDir,
          jurisdiction: scenario,
          files: [path],
          crs: options.data.crs,
          apply: options.data.apply === '1',
          merge: options.data.merge === '1',
          by: who.subject,
          ...(mapping ? { mapping } : {}),
        });
        // The report names the file as the officer knows it, not as it was saved here.
        for (const p of outcome.problems) if (p.file === basename(path)) p.file = name;
        for (const f of outcome.files) f.file = name;
        if (outcome.applied) await serveVersion(scenario);
        const report = reportOf(outcome);
        await audit.done(
          auditLine(
            who,
            'data:import',
            { scenario },
            outcome.applied ? 'done' : 'refused',
            `${name}: ${report.diffs.map((d) => `${d.collection} +${d.added} ~${d.changed} -${d.removed}`).join(', ') || 'no register'}${outcome.applied ? '' : options.data.apply === '1' ? `, not applied (${report.problems.filter((p) => p.level === 'error').length} errors)` : ', checked'}`,
            null,
            outcome.applied ? { version: outcome.applied } : null,
            null,
          ),
        );
        if (asWorkbook) {
          const out = join(dir, 'report.xlsx');
          await writeReport(outcome, out);
          void reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header(
              'content-disposition',
              `attachment; filename="import-report.xlsx"; filename*=UTF-8''${encodeURIComponent(`导入报告-${name.replace(/\.[^.]+$/, '')}.xlsx`)}`,
            );
          return await readFile(out);
        }
        return report satisfies Answer<typeof ImportReportSchema>;
      } finally {
        running = false;
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}

function reportOf(o: ImportOutcome): ImportReport {
  const nameOf = (e: Record<string, unknown>) => String(e.name ?? e.id ?? e.code);
  return {
    files: o.files,
    problems: o.problems.slice(0, MAX_PROBLEMS),
    problemCount: o.problems.length,
    diffs: [...o.diffs].map(([collection, d]) => ({
      collection,
      added: d.added.length,
      changed: d.changed.length,
      removed: d.removed.length,
      unchanged: d.unchanged,
      examples: {
        added: d.added.slice(0, 20).map(nameOf),
        changed: d.changed.slice(0, 20).map((c) => nameOf(c.after)),
        removed: d.removed.slice(0, 20).map(nameOf),
      },
    })),
    applied: o.applied,
  };
}
