import type { CollectionId, EntityOf } from '../protocol/index.ts';
import { isBlank, text, type Cell, type Parsed } from './cells.ts';
import type { Words } from './problems.ts';

/** One field of a register and the headers bureaus write it under. */
export interface ColumnSpec {
  field: string;
  /** Header names, the census (普查) / resource survey name first, then common synonyms. */
  names: readonly string[];
  required?: boolean;
  /** What goes in the column, for the template's units row. */
  hint: Words;
  /** The values a closed column takes: the template offers them as a drop-down list. */
  choices?: readonly string[];
}

/** A row's cells by field, and the header each came from. */
export interface RowCells {
  get(field: string): Cell;
  has(field: string): boolean;
}

/** What a register's own columns make of a row (placement and id are done for every register). */
export interface Built<C extends CollectionId> {
  fields: Partial<EntityOf<C>>;
  problems: { field: string; level: 'error' | 'warning'; reason: Words; value: string }[];
}

/**
 * A register a bureau keeps (shelters, teams, …): its columns and how a row becomes an entity of
 * its collection. Position columns (经度/纬度, 行政区划代码) and the id column are common to all
 * registers and handled by the reader.
 */
export interface RegisterSpec<C extends CollectionId = CollectionId> {
  collection: C;
  name: Words;
  /** Prefix of ids given to new rows without one. */
  idPrefix: string;
  columns: readonly ColumnSpec[];
  /**
   * The template's example row, by field (the common columns too). Left in a filled template as
   * it is, the import skips it and says so.
   */
  example: Readonly<Record<string, string | number>>;
  build(row: RowCells): Built<C>;
}

/** Where the examples stand: central Zhengzhou, in WGS-84. */
export const EXAMPLE_PLACE = { lon: 113.6302, lat: 34.7466 } as const;

/** Reads a row's optional cells into a register's fields, noting each bad one against its field. */
export function cellReader<C extends CollectionId>(row: RowCells, out: Built<C>) {
  return <T>(field: string, parse: (c: Cell) => Parsed<T>): T | undefined => {
    if (!row.has(field) || isBlank(row.get(field))) return undefined;
    const r = parse(row.get(field));
    if (r.ok) return r.value;
    out.problems.push({ field, level: 'error', reason: r.reason, value: text(row.get(field)) });
    return undefined;
  };
}

/**
 * A person from a row's name and phone columns; absent when both are blank. (A half-filled one
 * is kept, so the contract's check says which half is missing.)
 */
export function contactOf(row: RowCells, nameField: string, phoneField: string) {
  const name = text(row.get(nameField));
  const phone = text(row.get(phoneField));
  return name || phone ? { name, phone } : undefined;
}

/** Columns every register has: its own id, where it is, the village it is in. */
export const COMMON_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'id',
    names: [
      '编号',
      '统一编号',
      '隐患点编号',
      '场所编号',
      '队伍编号',
      '点位编号',
      'ID',
      'id',
      '唯一编码',
    ],
    hint: { zh: '可选；重新导入时按编号对应', en: 'optional; matches rows on re-import' },
  },
  {
    field: 'lon',
    names: ['经度', '东经', 'X', 'x', 'lon', 'lng', 'longitude', '经度（°）'],
    hint: { zh: '度，如 113.6302', en: 'degrees, e.g. 113.6302' },
  },
  {
    field: 'lat',
    names: ['纬度', '北纬', 'Y', 'y', 'lat', 'latitude', '纬度（°）'],
    hint: { zh: '度，如 34.7466', en: 'degrees, e.g. 34.7466' },
  },
  {
    field: 'adminCode',
    names: ['行政区划代码', '所在村代码', '村（社区）代码', '村代码', '统计用区划代码', '区划代码'],
    hint: {
      zh: '12 位村（社区）代码；无坐标时按村位置近似定位',
      en: '12-digit village code; without coordinates the village’s point is used',
    },
  },
];
