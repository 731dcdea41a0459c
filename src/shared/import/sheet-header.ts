import { text, type Cell } from './cells.ts';
import { words } from './problems.ts';
import type { ColumnSpec } from './register-spec.ts';

/** One sheet of a file (a CSV is one sheet without a name). */
export interface SourceTable {
  file: string;
  sheet: string | null;
  rows: readonly (readonly Cell[])[];
}

/** Headers an officer mapped by hand to a register's fields (header text → field). */
export type ColumnAliases = Readonly<Record<string, string>>;

/** A header as compared: no spaces, no bracketed units ("经度（°）" is "经度"), any case. */
const norm = (s: string) =>
  s
    .replace(/[（(].*?[)）]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/**
 * The header row: the first of the top rows naming a required column and one more. Headers the
 * officer mapped (`aliases`) count as the names of their fields.
 */
export function findHeader(
  table: SourceTable,
  columns: readonly ColumnSpec[],
  aliases: ColumnAliases = {},
): { index: number; fields: Map<number, ColumnSpec> } | null {
  const byName = new Map<string, ColumnSpec>();
  for (const c of columns) for (const n of c.names) byName.set(norm(n), c);
  for (const [header, field] of Object.entries(aliases)) {
    const c = columns.find((col) => col.field === field);
    if (c) byName.set(norm(header), c);
  }
  for (let r = 0; r < Math.min(table.rows.length, 20); r++) {
    const fields = new Map<number, ColumnSpec>();
    const seen = new Set<string>();
    (table.rows[r] ?? []).forEach((cell, i) => {
      const spec = byName.get(norm(text(cell)));
      if (spec && !seen.has(spec.field)) {
        seen.add(spec.field);
        fields.set(i, spec);
      }
    });
    const required = [...fields.values()].some((c) => c.required);
    if (required && fields.size >= 2) return { index: r, fields };
  }
  return null;
}

/**
 * Whether a row is the template's example left as it was: every filled cell holds the example's
 * value for its column (and at least two are filled).
 */
export function isExampleRow(
  cells: readonly Cell[],
  fields: ReadonlyMap<number, ColumnSpec>,
  example: Readonly<Record<string, string | number>>,
): boolean {
  let filled = 0;
  for (let i = 0; i < cells.length; i++) {
    const value = text(cells[i]);
    if (value === '') continue;
    const field = fields.get(i)?.field;
    const wanted = field === undefined ? undefined : example[field];
    if (wanted === undefined || text(wanted) !== value) return false;
    filled++;
  }
  return filled >= 2;
}

/** A note that the example row was skipped. */
export const EXAMPLE_SKIPPED = words(
  '模板示例行，未导入',
  'the template’s example row, not imported',
);

/** The headers none of `columns` takes (by their names or the officer's mapping). */
export function unknownHeaders(
  headers: readonly string[],
  columns: readonly ColumnSpec[],
  aliases: ColumnAliases = {},
): string[] {
  const names = new Set(columns.flatMap((c) => c.names.map(norm)));
  for (const h of Object.keys(aliases)) names.add(norm(h));
  return headers.filter((h) => !names.has(norm(h)));
}

/** The texts of a sheet's likely header when no register's header is found: its first full row. */
export function firstRow(table: SourceTable): string[] {
  for (const row of table.rows.slice(0, 20)) {
    const cells = row.map((c) => text(c));
    if (cells.filter(Boolean).length >= 2) return cells.filter(Boolean);
  }
  return [];
}
