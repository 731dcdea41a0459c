import { words, type Words } from './problems.ts';

/** A cell as a spreadsheet or CSV reader gives it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** A parsed cell, or why it cannot be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Words };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (zh: string, en: string): Parsed<never> => ({
  ok: false,
  reason: words(zh, en),
});

/** The cell as text, trimmed; full-width digits and spaces as ASCII. */
export function text(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString();
  return String(c)
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

export const isBlank = (c: Cell) => text(c) === '';

/** A number, allowing thousands separators and a trailing unit ("1,200人", "35.5 米"). */
export function number(c: Cell): Parsed<number> {
  if (typeof c === 'number') return Number.isFinite(c) ? ok(c) : bad('不是数字', 'not a number');
  const t = text(c).replace(/[,，]/g, '');
  const m = /^(-?\d+(?:\.\d+)?)\s*[^\d.\s-]*$/.exec(t);
  return m?.[1] ? ok(Number(m[1])) : bad('应为数字', 'must be a number');
}

/** A whole number ≥ 0. */
export function count(c: Cell): Parsed<number> {
  const n = number(c);
  if (!n.ok) return n;
  return Number.isInteger(n.value) && n.value >= 0
    ? n
    : bad('应为不小于 0 的整数', 'must be a whole number, 0 or more');
}

const YES = new Set(['是', '有', '√', '✓', 'y', 'yes', 'true', '1', '具备']);
const NO = new Set(['否', '无', '×', '✗', 'n', 'no', 'false', '0', '不具备', '']);

/** What a template's drop-down offers for a yes / no column. */
export const YES_NO_CHOICES: readonly string[] = ['是', '否'];

/** Yes / no as registers write it (是/否, 有/无, √/×, 1/0). Blank is no. */
export function yesNo(c: Cell): Parsed<boolean> {
  if (typeof c === 'boolean') return ok(c);
  const t = text(c).toLowerCase();
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return bad('应为“是”或“否”', 'must be yes or no (是/否)');
}

/** A list in one cell: "洪水、内涝；地震" → ["洪水", "内涝", "地震"]. */
export function list(c: Cell): string[] {
  return text(c)
    .split(/[、,，;；/|\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A parser of a closed set, and the set's first names (a template's drop-down list). */
export type OneOf<T> = ((c: Cell) => Parsed<T>) & { choices: readonly string[] };

/** A value from a closed set, by any of its names (case- and space-insensitive). */
export function oneOf<T extends string>(
  names: Readonly<Record<T, readonly string[]>>,
  what: Words,
): OneOf<T> {
  const lookup = new Map<string, T>();
  for (const [value, aliases] of Object.entries(names) as [T, readonly string[]][])
    for (const a of [value, ...aliases]) lookup.set(norm(a), value);
  const choices = Object.entries<readonly string[]>(names).map(([value, a]) => a[0] ?? value);
  const known = choices.join('、');
  const parse = (c: Cell): Parsed<T> => {
    const v = lookup.get(norm(text(c)));
    return v
      ? ok(v)
      : bad(`不是已知的${what.zh}（可填：${known}）`, `not a known ${what.en} (one of: ${known})`);
  };
  return Object.assign(parse, { choices });
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** A day as registers write it (2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, an Excel date). */
export function day(c: Cell): Parsed<string> {
  if (c instanceof Date)
    return Number.isNaN(c.getTime())
      ? bad('不是日期', 'not a date')
      : ok(c.toISOString().slice(0, 10));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text(c));
  if (!m) return bad('应为日期，如 2026-06-30', 'must be a date, e.g. 2026-06-30');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return bad('没有这一天', 'no such day');
  return ok(date.toISOString().slice(0, 10));
}
