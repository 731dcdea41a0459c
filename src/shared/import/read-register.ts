import { AreaLocator } from '../analysis/locate.ts';
import {
  COLLECTIONS,
  EntityId,
  type AdminArea,
  type CollectionId,
  type EntityOf,
  type LonLat,
} from '../protocol/index.ts';
import { number, text, type Cell } from './cells.ts';
import { placeEntity } from './place-entity.ts';
import {
  EXAMPLE_SKIPPED,
  findHeader,
  firstRow,
  isExampleRow,
  unknownHeaders,
  type ColumnAliases,
  type SourceTable,
} from './sheet-header.ts';
import { placePoint, type RegisterCrs } from './positions.ts';
import { words, type Problem, type Words } from './problems.ts';
import { COMMON_COLUMNS, type RegisterSpec, type RowCells } from './register-spec.ts';

/** Where imported rows must land: the jurisdiction's box and areas. */
export interface ImportTarget {
  bbox: readonly [number, number, number, number];
  townships: readonly AdminArea[];
  villages: readonly AdminArea[];
}

export interface RegisterRead<C extends CollectionId> {
  entities: EntityOf<C>[];
  problems: Problem[];
  /** The header row as found (empty when none was), and the headers no column took. */
  headers: string[];
  unknown: string[];
  /** Data rows found (blank rows not counted): entities + rows refused. */
  rows: number;
  refused: number;
}

/** Whether a sheet is this register: its header names every required column. */
export function isRegister(
  spec: RegisterSpec,
  table: SourceTable,
  aliases: ColumnAliases = {},
): boolean {
  const header = findHeader(table, [...COMMON_COLUMNS, ...spec.columns], aliases);
  if (!header) return false;
  const fields = new Set([...header.fields.values()].map((c) => c.field));
  return spec.columns.every((c) => !c.required || fields.has(c.field));
}

/**
 * Reads one sheet of a register: finds its header (below any title rows), maps the bureau's
 * column names, and turns each row into an entity of the register's collection — placed in
 * WGS-84 and in its township and village, given a stable id, validated against the contract.
 * Every row refused says why, with its row number and column; nothing is dropped silently.
 *
 * `existing` are the entities there now: a row without an id keeps the id of the entity with
 * the same name in the same village, so importing the same file twice changes nothing.
 */
export function readRegister<C extends CollectionId>(
  spec: RegisterSpec<C>,
  table: SourceTable,
  target: ImportTarget,
  crs: RegisterCrs,
  existing: readonly EntityOf<C>[],
  aliases: ColumnAliases = {},
): RegisterRead<C> {
  const problems: Problem[] = [];
  const at = (row: number | null, column: string | null, value: string) => ({
    file: table.file,
    sheet: table.sheet,
    row,
    column,
    value,
  });
  const columns = [...COMMON_COLUMNS, ...spec.columns];
  const header = findHeader(table, columns, aliases);
  if (!header) {
    const wanted = spec.columns.filter((c) => c.required).map((c) => c.names[0]);
    problems.push({
      level: 'error',
      ...at(null, null, ''),
      reason: words(
        `找不到${spec.name.zh}的表头：应有 ${wanted.join('、')} 等列`,
        `no header of ${spec.name.en} found: expected columns such as ${wanted.join(', ')}`,
      ),
    });
    const headers = firstRow(table);
    const unknown = unknownHeaders(headers, columns, aliases);
    return { entities: [], problems, headers, unknown, rows: 0, refused: 0 };
  }
  const headerRow = table.rows[header.index] ?? [];
  const headers = headerRow.map((c) => text(c)).filter(Boolean);
  const columnOf = new Map<string, { index: number; title: string }>();
  for (const [i, c] of header.fields)
    columnOf.set(c.field, { index: i, title: text(headerRow[i]) });
  const missing = spec.columns.filter((c) => c.required && !columnOf.has(c.field));
  for (const c of missing)
    problems.push({
      level: 'error',
      ...at(header.index + 1, null, ''),
      reason: words(
        `缺少必填列“${c.names[0]}”（也可写作：${c.names.slice(1).join('、')}）`,
        `required column "${c.names[0]}" is missing (also accepted: ${c.names.slice(1).join(', ')})`,
      ),
    });
  const unknown = headerRow
    .map((c, i) => (header.fields.has(i) || text(c) === '' ? null : text(c)))
    .filter((c): c is string => c !== null);
  if (unknown.length > 0)
    problems.push({
      level: 'warning',
      ...at(header.index + 1, null, unknown.join('、')),
      reason: words(
        `未识别的列已忽略：${unknown.join('、')}`,
        `columns not recognised, ignored: ${unknown.join(', ')}`,
      ),
    });
  if (missing.length > 0) return { entities: [], problems, headers, unknown, rows: 0, refused: 0 };

  const townships = new AreaLocator(target.townships);
  const villages = new AreaLocator(target.villages);
  const villageByCode = new Map(target.villages.map((v) => [v.code, v]));
  const key = (name: string, village: string) => `${name}\u0000${village}`;
  const existingByKey = new Map<string, string>();
  for (const e of existing as readonly Record<string, unknown>[])
    existingByKey.set(
      key(String(e.name), String(e.villageCode ?? e.townshipCode ?? e.countyCode)),
      String(e.id),
    );
  const taken = new Map<string, number>(); // id → row that holds it
  const entities: EntityOf<C>[] = [];
  let rows = 0;
  let refused = 0;

  // The template's units row under the header ("人", "度，如 113.6302") is not data.
  const hints = new Map([...header.fields].map(([i, c]) => [i, c.hint.zh]));
  const isHintRow = (cells: readonly Cell[]) =>
    cells.some((c) => text(c) !== '') &&
    cells.every((c, i) => text(c) === '' || text(c) === hints.get(i));

  for (let r = header.index + 1; r < table.rows.length; r++) {
    const cells = table.rows[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    if (r === header.index + 1 && isHintRow(cells)) continue;
    const rowNumber = r + 1;
    if (r <= header.index + 2 && isExampleRow(cells, header.fields, spec.example)) {
      problems.push({ level: 'warning', ...at(rowNumber, null, ''), reason: EXAMPLE_SKIPPED });
      continue;
    }
    rows++;
    const cell = (field: string): Cell => {
      const c = columnOf.get(field);
      return c ? cells[c.index] : undefined;
    };
    const title = (field: string) => columnOf.get(field)?.title ?? null;
    const cellsOf: RowCells = { get: cell, has: (f) => columnOf.has(f) };
    const errors: Problem[] = [];
    const note = (level: Problem['level'], field: string | null, value: string, reason: Words) =>
      (level === 'error' ? errors : problems).push({
        level,
        ...at(rowNumber, field ? title(field) : null, value),
        reason,
      });

    const built = spec.build(cellsOf);
    for (const p of built.problems) note(p.level, p.field, p.value, p.reason);
    for (const c of spec.columns)
      if (c.required && text(cell(c.field)) === '')
        note('error', c.field, '', words('必填，不能为空', 'required, must not be empty'));

    const placed = place(cell, target, crs, villageByCode, note);
    const entity: Record<string, unknown> = { ...built.fields };
    if (placed) {
      const { position } = placed;
      const refused = placeEntity(spec.collection, entity, position, townships, villages);
      if (refused) note('error', 'lon', position.join(', '), refused);
      else {
        entity.position = position;
        if (placed.approximate) entity.approximate = true;
        if (spec.collection === 'teams') entity.homeBase = position;
      }
    }
    const id = idOf(spec, cell, entity, existingByKey, key, note);
    entity.id = id;
    const holder = id ? taken.get(id) : undefined;
    if (id && holder !== undefined)
      note(
        'error',
        columnOf.has('id') ? 'id' : 'name',
        id,
        words(`与第 ${holder} 行重复`, `same as row ${holder}`),
      );

    if (errors.length === 0) {
      const parsed = COLLECTIONS[spec.collection].schema.safeParse(entity);
      if (parsed.success) {
        entities.push(parsed.data as EntityOf<C>);
        if (id) taken.set(id, rowNumber);
      } else
        for (const issue of parsed.error.issues) {
          // manager.phone is the managerPhone column; a check of the whole row names none.
          const field = issue.path
            .map(String)
            .map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1)))
            .join('');
          note(
            'error',
            columnOf.has(field) ? field : null,
            '',
            words(issue.message, issue.message),
          );
        }
    }
    if (errors.length > 0) {
      refused++;
      problems.push(...errors);
    }
  }
  return { entities, problems, headers, unknown, rows, refused };
}

/** The row's position: its coordinates, else its village's point (approximate, and said). */
function place(
  cell: (field: string) => Cell,
  target: ImportTarget,
  crs: RegisterCrs,
  villageByCode: ReadonlyMap<string, AdminArea>,
  note: (level: Problem['level'], field: string | null, value: string, reason: Words) => void,
): { position: LonLat; approximate: boolean } | null {
  const rawLon = text(cell('lon'));
  const rawLat = text(cell('lat'));
  if (rawLon !== '' || rawLat !== '') {
    const lon = number(cell('lon'));
    const lat = number(cell('lat'));
    if (!lon.ok) note('error', 'lon', rawLon, lon.reason);
    if (!lat.ok) note('error', 'lat', rawLat, lat.reason);
    if (!lon.ok || !lat.ok) return null;
    const placed = placePoint(lon.value, lat.value, crs, target.bbox);
    if (!placed.ok) {
      note('error', 'lon', `${rawLon}, ${rawLat}`, placed.reason);
      return null;
    }
    if (placed.note) note('warning', 'lon', `${rawLon}, ${rawLat}`, placed.note);
    return { position: placed.position, approximate: false };
  }
  const code = text(cell('adminCode'));
  if (code !== '') {
    const village = villageByCode.get(code);
    if (!village) {
      note(
        'error',
        'adminCode',
        code,
        words('辖区内没有这个村（社区）代码', 'no village with this code in the jurisdiction'),
      );
      return null;
    }
    note(
      'warning',
      'adminCode',
      code,
      words(
        `无坐标，按${village.name}的位置近似定位`,
        `no coordinates: placed at ${village.name}, approximately`,
      ),
    );
    return { position: village.seat, approximate: true };
  }
  note(
    'error',
    null,
    '',
    words('没有坐标（经度、纬度）也没有村（社区）代码', 'no coordinates and no village code'),
  );
  return null;
}

/** The row's id: its own, else the id it had (same name, same village), else a stable new one. */
function idOf(
  spec: RegisterSpec,
  cell: (field: string) => Cell,
  entity: Record<string, unknown>,
  existingByKey: ReadonlyMap<string, string>,
  key: (name: string, village: string) => string,
  note: (level: Problem['level'], field: string | null, value: string, reason: Words) => void,
): string | null {
  const own = text(cell('id'));
  if (own !== '') {
    const r = EntityId.safeParse(own);
    if (r.success) return r.data;
    note(
      'error',
      'id',
      own,
      words('编号只能含字母、数字和 _ . : -', 'an id may hold letters, digits and _ . : - only'),
    );
    return null;
  }
  const name = typeof entity.name === 'string' ? entity.name : '';
  const code = entity.villageCode ?? entity.townshipCode ?? entity.countyCode;
  const where = typeof code === 'string' ? code : '';
  if (!name || !where) return null;
  return existingByKey.get(key(name, where)) ?? `${spec.idPrefix}-${stableHash(key(name, where))}`;
}

/** 8 hex digits of FNV-1a: the same name in the same place gets the same id on every import. */
function stableHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
