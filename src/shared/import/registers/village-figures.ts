import { AdminArea, VULNERABLE_KEYS, type Vulnerable } from '../../protocol/index.ts';
import { count, text, type Cell } from '../cells.ts';
import { words, type Problem, type Words } from '../problems.ts';
import {
  EXAMPLE_SKIPPED,
  findHeader,
  firstRow,
  isExampleRow,
  unknownHeaders,
  type ColumnAliases,
  type SourceTable,
} from '../sheet-header.ts';
import type { ColumnSpec } from '../register-spec.ts';

type Figure = 'population' | 'households' | 'aged65' | keyof Vulnerable;

/** The register's name, as the report and the console say it. */
export const VILLAGE_FIGURES_NAME = words('村（社区）人口', 'village population');

/**
 * 村（社区）人口与重点人群: the figures the transfer plan counts, per village, keyed by the
 * 12-digit code. It changes the villages that are there; it never adds or removes one (the
 * boundaries do that).
 */
export const VILLAGE_FIGURE_COLUMNS: readonly (ColumnSpec & { field: 'code' | 'name' | Figure })[] =
  [
    {
      field: 'code',
      names: ['行政区划代码', '村（社区）代码', '统计用区划代码', '区划代码', '村代码'],
      required: true,
      hint: words('12 位村（社区）代码', '12-digit village code'),
    },
    {
      field: 'name',
      names: ['村（社区）名称', '村名称', '社区名称', '村名', '名称'],
      hint: words('核对用，可不填', 'checked against the code; optional'),
    },
    {
      field: 'population',
      names: ['常住人口数量', '常住人口', '常住人口数', '人口数', '总人口'],
      required: true,
      hint: words('人', 'people'),
    },
    {
      field: 'households',
      names: ['户数', '常住户数', '总户数'],
      hint: words('户', 'households'),
    },
    {
      field: 'aged65',
      names: ['65岁以上人数', '65周岁以上人数', '65岁及以上人数', '老年人口'],
      hint: words('人', 'people'),
    },
    {
      field: 'elderlyAlone',
      names: ['独居老人人数', '独居老人', '孤寡老人', '空巢老人人数'],
      hint: words('人', 'people'),
    },
    {
      field: 'disabled',
      names: ['残障人员人数', '残疾人数', '残障人数', '残疾人'],
      hint: words('人', 'people'),
    },
    {
      field: 'bedridden',
      names: ['卧床人员人数', '卧床病人', '失能人员', '行动不便人员'],
      hint: words('人', 'people'),
    },
    {
      field: 'pregnant',
      names: ['孕妇人数', '孕产妇', '孕妇'],
      hint: words('人', 'people'),
    },
    {
      field: 'childrenLeftBehind',
      names: ['留守儿童人数', '留守儿童'],
      hint: words('人', 'people'),
    },
  ];

/** The template's example row (the import skips it when it is left as it is). */
export const VILLAGE_FIGURES_EXAMPLE: Readonly<Record<string, string | number>> = {
  code: '410103001001',
  name: '示例：某某社区',
  population: 3200,
  households: 1150,
  aged65: 420,
  elderlyAlone: 35,
  disabled: 28,
  bedridden: 9,
  pregnant: 12,
  childrenLeftBehind: 40,
};

export interface VillageFiguresRead {
  /** Every village of the jurisdiction, those the register names with its figures. */
  villages: AdminArea[];
  problems: Problem[];
  /** The header row as found (empty when none was), and the headers no column took. */
  headers: string[];
  unknown: string[];
  rows: number;
  /** Villages whose row was accepted. */
  accepted: number;
  refused: number;
}

/** Whether a sheet holds village figures: a code column and a population column. */
export function isVillageFigures(table: SourceTable, aliases: ColumnAliases = {}): boolean {
  const header = findHeader(table, VILLAGE_FIGURE_COLUMNS, aliases);
  if (!header) return false;
  const fields = new Set([...header.fields.values()].map((c) => c.field));
  return fields.has('code') && fields.has('population');
}

/**
 * Reads a village population register over the villages there are: each row's figures replace
 * that village's (a blank optional cell keeps what it had), checked as the contract checks them
 * (vulnerable people within the population). A code that is no village of the jurisdiction, a
 * village named twice or a name that contradicts the code is reported with its row.
 */
export function readVillageFigures(
  table: SourceTable,
  villages: readonly AdminArea[],
  aliases: ColumnAliases = {},
): VillageFiguresRead {
  const problems: Problem[] = [];
  const note = (
    row: number | null,
    column: string | null,
    value: string,
    reason: Words,
    level: Problem['level'] = 'error',
  ) => problems.push({ level, file: table.file, sheet: table.sheet, row, column, value, reason });
  const header = findHeader(table, VILLAGE_FIGURE_COLUMNS, aliases);
  const out: VillageFiguresRead = {
    villages: [...villages],
    problems,
    headers: [],
    unknown: [],
    rows: 0,
    accepted: 0,
    refused: 0,
  };
  if (!header) {
    note(
      null,
      null,
      '',
      words(
        '找不到表头：应有 行政区划代码、常住人口数量 等列',
        'no header found: expected columns such as 行政区划代码, 常住人口数量',
      ),
    );
    out.headers = firstRow(table);
    out.unknown = unknownHeaders(out.headers, VILLAGE_FIGURE_COLUMNS, aliases);
    return out;
  }
  const headerRow = table.rows[header.index] ?? [];
  const columnOf = new Map(
    [...header.fields].map(([i, c]) => [c.field, { index: i, title: text(headerRow[i]) }]),
  );
  out.headers = headerRow.map((c) => text(c)).filter(Boolean);
  out.unknown = headerRow
    .filter((c, i) => text(c) !== '' && !header.fields.has(i))
    .map((c) => text(c));
  const missing = VILLAGE_FIGURE_COLUMNS.filter((c) => c.required && !columnOf.has(c.field));
  for (const c of missing)
    note(
      header.index + 1,
      null,
      '',
      words(`缺少必填列“${c.names[0]}”`, `required column "${c.names[0]}" is missing`),
    );
  if (missing.length > 0) return out;
  const index = new Map(villages.map((v, i) => [v.code, i]));
  const seen = new Map<string, number>();
  const hints = new Map([...header.fields].map(([i, c]) => [i, c.hint.zh]));
  for (let r = header.index + 1; r < table.rows.length; r++) {
    const cells = table.rows[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    if (r === header.index + 1 && cells.every((c, i) => text(c) === '' || text(c) === hints.get(i)))
      continue;
    const rowNumber = r + 1;
    if (r <= header.index + 2 && isExampleRow(cells, header.fields, VILLAGE_FIGURES_EXAMPLE)) {
      note(rowNumber, null, '', EXAMPLE_SKIPPED, 'warning');
      continue;
    }
    out.rows++;
    const cell = (field: string): Cell => {
      const c = columnOf.get(field);
      return c ? cells[c.index] : undefined;
    };
    const title = (field: string) => columnOf.get(field)?.title ?? null;
    const before = problems.filter((p) => p.level === 'error').length;
    const error = (field: string | null, value: string, reason: Words) =>
      note(rowNumber, field ? title(field) : null, value, reason);

    const code = text(cell('code'));
    const at = index.get(code);
    const village = at === undefined ? undefined : villages[at];
    if (!village)
      error(
        'code',
        code,
        code === ''
          ? words('必填，不能为空', 'required, must not be empty')
          : /^\d{12}$/.test(code)
            ? words('辖区内没有这个村（社区）代码', 'no village with this code in the jurisdiction')
            : words('应为 12 位村（社区）代码', 'must be a 12-digit village code'),
      );
    const twice = seen.get(code);
    if (village && twice !== undefined)
      error('code', code, words(`与第 ${twice} 行重复`, `same as row ${twice}`));
    const name = text(cell('name'));
    if (village && name !== '' && name !== village.name)
      error(
        'name',
        name,
        words(
          `代码 ${code} 是${village.name}，不是${name}`,
          `code ${code} is ${village.name}, not ${name}`,
        ),
      );

    const figures: Partial<Record<Figure, number>> = {};
    for (const c of VILLAGE_FIGURE_COLUMNS) {
      if (c.field === 'code' || c.field === 'name' || !columnOf.has(c.field)) continue;
      const raw = text(cell(c.field));
      if (raw === '') {
        if (c.required) error(c.field, '', words('必填，不能为空', 'required, must not be empty'));
        continue;
      }
      const n = count(cell(c.field));
      if (n.ok) figures[c.field] = n.value;
      else error(c.field, raw, n.reason);
    }
    if (
      at === undefined ||
      !village ||
      problems.filter((p) => p.level === 'error').length > before
    ) {
      out.refused++;
      continue;
    }
    const vulnerable = { ...village.vulnerable };
    for (const k of VULNERABLE_KEYS) vulnerable[k] = figures[k] ?? vulnerable[k];
    const next = {
      ...village,
      population: figures.population ?? village.population,
      households: figures.households ?? village.households,
      vulnerable,
      ...(figures.aged65 !== undefined ? { aged65: figures.aged65 } : {}),
    };
    const checked = AdminArea.safeParse(next);
    if (!checked.success) {
      for (const issue of checked.error.issues)
        error(null, '', words(issue.message, issue.message));
      out.refused++;
      continue;
    }
    out.villages[at] = checked.data;
    seen.set(code, rowNumber);
    out.accepted++;
  }
  return out;
}
