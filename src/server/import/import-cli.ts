/**
 * `npm run import -- <jurisdiction> <files…> [--crs wgs84|cgcs2000|gcj02|bd09] [--apply]
 *   [--merge] [--report report.xlsx] [--restore <version>]`
 *
 * Reads registers (XLSX or CSV in UTF-8, UTF-8 with BOM or GBK) into a jurisdiction of the data
 * directory (DATA_DIR, default fixtures/). Without --apply it only reports: every refused row
 * with its file, sheet, row, column, value and reason, and what would be added, changed and
 * removed (--merge keeps what the files do not mention). With --apply and nothing refused it writes a new version and makes it the one in
 * force at once; the gateway serves it from its next start.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseMapping } from '../../shared/import/column-mapping.ts';
import { REGISTER_CRS, type RegisterCrs } from '../../shared/import/positions.ts';
import { templateOf } from '../../shared/import/registers/index.ts';
import { ImportRegister, ScenarioId } from '../../shared/protocol/index.ts';
import { createJurisdiction } from './create-jurisdiction.ts';
import { JurisdictionVersions } from './jurisdiction-versions.ts';
import { runImport, writeReport } from './run-import.ts';
import { writeTemplate } from './templates.ts';

const USAGE =
  'usage: npm run import -- <jurisdiction> <files…> [--crs wgs84|cgcs2000|gcj02|bd09] [--apply] [--merge] [--report report.xlsx]\n' +
  '         [--register shelters --columns \'{"单位名称":"name"}\'] (headers the import does not know)\n' +
  '       (files: registers as .xlsx/.csv, roads as .osm/.osm.pbf, new boundaries as .geojson/.shp/.zip)\n' +
  '       npm run import -- <jurisdiction> --restore <version>\n' +
  '       npm run import -- --template shelters|teams|depots|risk-points|cameras|grid-members|villages [out.xlsx]\n' +
  '       npm run import -- <new-jurisdiction> boundaries.geojson|.shp|.zip --create --name 中文名 --name-en "English name" [--apply]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    crs: { type: 'string', default: 'wgs84' },
    apply: { type: 'boolean', default: false },
    merge: { type: 'boolean', default: false },
    report: { type: 'string' },
    register: { type: 'string' },
    columns: { type: 'string' },
    restore: { type: 'string' },
    template: { type: 'string' },
    create: { type: 'boolean', default: false },
    name: { type: 'string' },
    'name-en': { type: 'string' },
  },
});

if (values.template) {
  // npm run import -- --template shelters 避难场所模板.xlsx
  const register = ImportRegister.safeParse(values.template);
  if (!register.success) fail(`--template: one of ${ImportRegister.options.join(', ')}`);
  const template = templateOf(register.data);
  const out = resolve(positionals[0] ?? `${register.data}-template.xlsx`);
  await writeTemplate(template, out);
  process.stdout.write(`${template.name.zh} template: ${out}\n`);
  process.exit(0);
}
const [jurisdiction, ...files] = positionals;
const id = ScenarioId.safeParse(jurisdiction);
if (!id.success) fail(`jurisdiction: ${id.error.issues[0]?.message ?? 'missing'}`);
if (!(REGISTER_CRS as readonly string[]).includes(values.crs))
  fail(`--crs must be one of ${REGISTER_CRS.join(', ')}`);
const dataDir = resolve(process.env.DATA_DIR ?? 'fixtures');

if (values.restore) {
  new JurisdictionVersions(dataDir, id.data).restore(values.restore);
  process.stdout.write(`${id.data}: version ${values.restore} is in force again\n`);
  process.exit(0);
}
if (files.length === 0) fail('no files to import');

if (values.create) {
  // A new jurisdiction from its boundaries (one GeoJSON of its county, townships and villages).
  const [boundaries] = files;
  if (!boundaries || files.length > 1)
    fail('--create takes one boundaries file (GeoJSON, Shapefile or a ZIP of one)');
  if (!values.name || !values['name-en']) fail('--create needs --name and --name-en');
  const created = await createJurisdiction({
    dataDir,
    id: id.data,
    name: values.name,
    nameEn: values['name-en'],
    boundaries: resolve(boundaries),
    apply: values.apply,
    by: userInfo().username,
  });
  const out = Object.entries(created.areas).map(([k, v]) => `${k} ${v}`);
  for (const p of created.problems)
    out.push(
      `  错误 ${p.file}${p.row ? ` 第 ${p.row} 个要素` : ''}${p.value ? ` ${p.value}` : ''}: ${p.reason.zh} — ${p.reason.en}`,
    );
  out.push(
    created.applied
      ? `${id.data}: created, version ${created.applied} (a running gateway serves it within seconds)`
      : created.problems.length > 0
        ? `nothing created: ${created.problems.length} 错误 errors`
        : 'dry run: import again with --apply to create it',
  );
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(created.problems.length > 0 ? 1 : 0);
}

const mapping = parseMapping(values.register, values.columns);
if (typeof mapping === 'string') fail(`--register/--columns: ${mapping}`);
const outcome = await runImport({
  dataDir,
  jurisdiction: id.data,
  files: files.map((f) => resolve(f)),
  crs: values.crs as RegisterCrs,
  apply: values.apply,
  merge: values.merge,
  by: userInfo().username,
  ...(mapping ? { mapping } : {}),
});

const lines: string[] = [];
for (const f of outcome.files)
  lines.push(
    `${f.file}${f.sheet ? ` [${f.sheet}]` : ''}${f.encoding ? ` (${f.encoding})` : ''}: ` +
      `${f.register ?? '?'} — ${f.rows} 行 rows, ${f.accepted} 通过 accepted, ${f.refused} 拒绝 refused`,
  );
const errors = outcome.problems.filter((p) => p.level === 'error');
const warnings = outcome.problems.filter((p) => p.level === 'warning');
for (const p of outcome.problems.slice(0, 200))
  lines.push(
    `  ${p.level === 'error' ? '错误' : '提示'} ${p.file}${p.sheet ? ` [${p.sheet}]` : ''}` +
      `${p.row ? ` 第 ${p.row} 行` : ''}${p.column ? ` 「${p.column}」` : ''}` +
      `${p.value ? ` ${JSON.stringify(p.value)}` : ''}: ${p.reason.zh} — ${p.reason.en}`,
  );
if (outcome.problems.length > 200)
  lines.push(`  … ${outcome.problems.length - 200} more (see --report)`);
for (const [collection, d] of outcome.diffs)
  lines.push(
    `${collection}: +${d.added.length} 新增 added, ~${d.changed.length} 修改 changed, ` +
      `-${d.removed.length} 删除 removed, ${d.unchanged} 不变 unchanged`,
  );
if (values.report) {
  await writeReport(outcome, resolve(values.report));
  lines.push(`report: ${resolve(values.report)}`);
}
lines.push(
  outcome.applied
    ? `${id.data}: version ${outcome.applied} is in force (restart the gateway to serve it)`
    : errors.length > 0
      ? `nothing applied: ${errors.length} 错误 errors, ${warnings.length} 提示 warnings — fix them and import again`
      : values.apply
        ? 'nothing applied: no register found in the files'
        : `dry run: ${warnings.length} 提示 warnings; import again with --apply to make it live`,
);
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(errors.length > 0 ? 1 : 0);
