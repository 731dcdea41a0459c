import { basename } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { diffById, type CollectionDiff } from '../../shared/import/diff.ts';
import type { RegisterCrs } from '../../shared/import/positions.ts';
import { fileError, words, type Problem } from '../../shared/import/problems.ts';
import { isRegister, readRegister, type ImportTarget } from '../../shared/import/read-register.ts';
import { firstRow, unknownHeaders, type SourceTable } from '../../shared/import/sheet-header.ts';
import { placeAgain } from '../../shared/import/place-entity.ts';
import { COMMON_COLUMNS } from '../../shared/import/register-spec.ts';
import { REGISTERS } from '../../shared/import/registers/index.ts';
import {
  isVillageFigures,
  readVillageFigures,
  VILLAGE_FIGURES_NAME,
} from '../../shared/import/registers/village-figures.ts';
import { buildOsmRoads } from '../../shared/import/osm-roads.ts';
import {
  COLLECTIONS,
  type AdminArea,
  type ColumnMapping,
  type CollectionId,
  type RoadNode,
} from '../../shared/protocol/index.ts';
import { AreaLocator } from '../../shared/analysis/locate.ts';
import { importBoundaries, isBoundaryFile } from './import-boundaries.ts';
import { JurisdictionVersions } from './jurisdiction-versions.ts';
import { isOsmFile, readOsmFile } from './read-osm.ts';
import { readTables } from './read-tables.ts';
import { NOTES_SHEET } from './templates.ts';

/** What the import can read, for the answer to a sheet it cannot. */
const KNOWN = [...REGISTERS.map((r) => r.name), VILLAGE_FIGURES_NAME];

export interface ImportRequest {
  dataDir: string;
  jurisdiction: string;
  files: readonly string[];
  crs: RegisterCrs;
  /** Write a new version (only when nothing was refused); otherwise report what it would do. */
  apply: boolean;
  /** Who imports (recorded beside the version). */
  by: string;
  /** Keep what the files do not mention (add and change only); default: the files are the register. */
  merge?: boolean;
  /** Read every sheet as this register, with these headers mapped by hand. */
  mapping?: ColumnMapping;
}

export interface FileSummary {
  file: string;
  sheet: string | null;
  encoding: string | null;
  register: CollectionId | 'boundaries' | null;
  rows: number;
  accepted: number;
  refused: number;
  headers: string[];
  unknown: string[];
}

export interface ImportOutcome {
  files: FileSummary[];
  problems: Problem[];
  diffs: Map<CollectionId, CollectionDiff<Keyed>>;
  /** The version written, or null (a dry run, or refused rows). */
  applied: string | null;
}

/**
 * Which register a sheet holds: the one the officer named, else the one whose required columns
 * its header names ('villages' for the village population register).
 */
function registerOf(table: SourceTable, mapping: ColumnMapping | undefined) {
  if (mapping) return mapping.register;
  if (isVillageFigures(table)) return 'villages';
  return REGISTERS.find((spec) => isRegister(spec, table))?.collection ?? null;
}

/**
 * Imports registers into a jurisdiction: every sheet of every file read, every row checked, the
 * diff against what is there computed; with `apply` and not one row refused, a new version
 * written and made live at once. All or nothing: a single refused row applies nothing.
 */
export async function runImport(req: ImportRequest): Promise<ImportOutcome> {
  const versions = new JurisdictionVersions(req.dataDir, req.jurisdiction);
  versions.sweep();
  const meta = versions.meta();
  const target: ImportTarget = {
    bbox: meta.bbox,
    townships: versions.collection('townships') as AdminArea[],
    villages: versions.collection('villages') as AdminArea[],
  };
  const out: ImportOutcome = { files: [], problems: [], diffs: new Map(), applied: null };
  const incoming = new Map<CollectionId, Keyed[]>();
  let roadNodes: RoadNode[] | null = null;
  let patch: Parameters<JurisdictionVersions['write']>[2] = {};
  let newBoundaries = false;
  // Boundaries first: the registers of the same import are placed in the new areas.
  const files = [...req.files].sort(
    (a, b) => Number(isBoundaryFile(b)) - Number(isBoundaryFile(a)),
  );
  for (const path of files) {
    if (isBoundaryFile(path)) {
      if (newBoundaries) {
        out.problems.push(
          fileError(
            basename(path),
            words('一次只能导入一个边界文件', 'one boundaries file per import'),
          ),
        );
        continue;
      }
      const b = await importBoundaries(path, versions, req.by);
      out.problems.push(...b.problems);
      out.files.push(b.summary);
      if (!b.areas) continue;
      newBoundaries = true;
      for (const [collection, areas] of b.areas) incoming.set(collection, areas);
      target.townships = b.areas.get('townships') ?? [];
      target.villages = b.areas.get('villages') ?? target.villages;
      target.bbox = b.patch.bbox;
      patch = b.patch;
      continue;
    }
    if (isOsmFile(path)) {
      const roads = await importRoads(path, meta.bbox);
      out.problems.push(...roads.problems);
      out.files.push(roads.summary);
      if (roads.segments.length > 0) {
        incoming.set('roads', roads.segments);
        roadNodes = roads.nodes;
      }
      continue;
    }
    const read = await readTables(path);
    out.problems.push(...read.problems);
    for (const table of read.tables) {
      if (table.sheet === NOTES_SHEET) continue; // a template's explanations
      if (table.rows.every((r) => r.every((c) => c === null || c === undefined || c === '')))
        continue;
      const register = registerOf(table, req.mapping);
      const aliases = req.mapping?.columns ?? {};
      if (register === 'villages') {
        // Each sheet reads over what the sheets before it made of the villages.
        const now = (incoming.get('villages') ?? target.villages) as AdminArea[];
        const r = readVillageFigures(table, now, aliases);
        out.problems.push(...r.problems);
        incoming.set('villages', r.villages);
        out.files.push({
          file: table.file,
          sheet: table.sheet,
          encoding: read.encoding,
          register: 'villages',
          rows: r.rows,
          accepted: r.accepted,
          refused: r.refused,
          headers: r.headers,
          unknown: r.unknown,
        });
        continue;
      }
      const spec = REGISTERS.find((s) => s.collection === register);
      if (!spec) {
        out.problems.push({
          ...fileError(
            table.file,
            words(
              `认不出这是哪种登记表：可导入 ${KNOWN.map((r) => r.zh).join('、')}，请用模板的表头`,
              `not a known register (${KNOWN.map((r) => r.en).join(', ')}): use the template's headers`,
            ),
          ),
          sheet: table.sheet,
        });
        out.files.push({
          ...table,
          encoding: read.encoding,
          register: null,
          rows: 0,
          accepted: 0,
          refused: 0,
          headers: firstRow(table),
          // Which of these the register the officer picks knows, the console works out.
          unknown: unknownHeaders(firstRow(table), COMMON_COLUMNS),
        });
        continue;
      }
      const existing = versions.collection(spec.collection) as never[];
      const r = readRegister(spec, table, target, req.crs, existing, aliases);
      out.problems.push(...r.problems);
      const list = incoming.get(spec.collection) ?? [];
      list.push(...(r.entities as Keyed[]));
      incoming.set(spec.collection, list);
      out.files.push({
        file: table.file,
        sheet: table.sheet,
        encoding: read.encoding,
        register: spec.collection,
        rows: r.rows,
        accepted: r.entities.length,
        refused: r.refused,
        headers: r.headers,
        unknown: r.unknown,
      });
    }
  }
  // New boundaries: everything that stands somewhere is placed again in the new areas.
  if (newBoundaries)
    for (const c of PLACED)
      if (!incoming.has(c)) incoming.set(c, [...(versions.collection(c) as Keyed[])]);
  for (const [collection, entities] of incoming) {
    const keyOf = (e: Keyed) => String(e[COLLECTIONS[collection].key]);
    const seen = new Set<string>();
    // Areas come as whole lists, each once.
    if (!AREA_COLLECTIONS.has(collection))
      for (const e of entities) {
        const id = keyOf(e);
        if (seen.has(id))
          out.problems.push(
            fileError(
              '',
              words(`编号 ${id} 在多个文件中出现`, `id ${id} appears in more than one file`),
              id,
            ),
          );
        seen.add(id);
      }
    const before = versions.collection(collection) as Keyed[];
    // Merging adds and changes over what is there and removes nothing.
    // Merging adds and changes over what is there and removes nothing (areas come whole).
    if (req.merge && !AREA_COLLECTIONS.has(collection))
      entities.unshift(...before.filter((e) => !seen.has(keyOf(e))));
    if (newBoundaries && isPlaced(collection)) {
      const again = placeAgain(
        collection,
        entities,
        new AreaLocator(target.townships),
        new AreaLocator(target.villages),
      );
      entities.splice(0, entities.length, ...again.entities);
      for (const r of again.refused)
        out.problems.push(
          fileError(
            '',
            words(
              `${r.name}（${r.id}）在新边界中：${r.reason.zh}`,
              `${r.name} (${r.id}) in the new boundaries: ${r.reason.en}`,
            ),
            r.id,
          ),
        );
    }
    out.diffs.set(collection, diffById(before, entities, keyOf));
  }
  const refused = out.problems.some((p) => p.level === 'error');
  if (req.apply && !refused && incoming.size > 0)
    out.applied = versions.write(
      roadNodes ? new Map([...incoming, ['road-nodes', roadNodes]]) : incoming,
      {
        by: req.by,
        files: req.files.map((f) => f.split('/').pop()),
        diff: Object.fromEntries(
          [...out.diffs].map(([c, d]) => [
            c,
            { added: d.added.length, changed: d.changed.length, removed: d.removed.length },
          ]),
        ),
      },
      patch,
    );
  return out;
}

/** Collections of areas: boundaries and village figures give them whole. */
const AREA_COLLECTIONS: ReadonlySet<CollectionId> = new Set([
  'cities',
  'counties',
  'townships',
  'villages',
]);

/** What stands somewhere and belongs to the areas around it: what the registers place. */
const PLACED: readonly CollectionId[] = REGISTERS.map((r) => r.collection);
const isPlaced = (c: CollectionId) => PLACED.includes(c);

/** An entity as the import handles it: its key field (`id`, or `code` for areas) and the rest. */
type Keyed = Record<string, unknown>;

/** Margin kept around the jurisdiction's box: roads just outside it still carry its traffic. */
const ROAD_MARGIN_DEG = 0.05;

/** An OSM file's roads, clipped to the jurisdiction and its margin, as a routing graph. */
async function importRoads(path: string, bbox: readonly [number, number, number, number]) {
  const file = basename(path);
  const read = await readOsmFile(path);
  const clip = [
    bbox[0] - ROAD_MARGIN_DEG,
    bbox[1] - ROAD_MARGIN_DEG,
    bbox[2] + ROAD_MARGIN_DEG,
    bbox[3] + ROAD_MARGIN_DEG,
  ] as const;
  const roads =
    read.problems.length > 0
      ? { nodes: [], segments: [], problems: read.problems, ways: 0, outside: 0 }
      : buildOsmRoads(file, read.ways, (id) => read.positions.get(id), clip);
  const summary: FileSummary = {
    file,
    sheet: null,
    encoding: null,
    register: 'roads',
    rows: roads.ways,
    accepted: roads.ways - roads.outside,
    refused: 0,
    headers: [],
    unknown: [],
  };
  return { ...roads, summary };
}

/** The problems as an XLSX a GIS officer can sort and fix from (one row per problem). */
export async function writeReport(outcome: ImportOutcome, path: string): Promise<void> {
  const header = [
    '级别 Level',
    '文件 File',
    '工作表 Sheet',
    '行 Row',
    '列 Column',
    '值 Value',
    '原因',
    'Reason',
  ];
  const rows = outcome.problems.map((p) => [
    p.level === 'error' ? '错误 error' : '提示 warning',
    p.file,
    p.sheet ?? '',
    p.row,
    p.column ?? '',
    // A value starting like a formula is written as text, never run.
    /^[=+\-@]/.test(p.value) ? `'${p.value}` : p.value,
    p.reason.zh,
    p.reason.en,
  ]);
  await writeXlsxFile([header.map((value) => ({ value, fontWeight: 'bold' as const })), ...rows], {
    sheet: '导入报告',
  }).toFile(path);
}
