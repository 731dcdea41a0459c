import { z } from 'zod';
import { ColumnMapping } from '../protocol/index.ts';
import { templateOf } from './registers/index.ts';

/**
 * An officer's column mapping as the console's query or the command line gives it — the register
 * and a JSON object of header → field — with every field checked against that register. Nothing
 * given: no mapping; anything wrong: the reason, to refuse with.
 */
export function parseMapping(
  register: string | undefined,
  columns: string | undefined,
): ColumnMapping | string | undefined {
  if (register === undefined)
    return columns === undefined
      ? undefined
      : 'columns needs register (which register the file is)';
  let parsed: unknown;
  try {
    parsed = columns === undefined ? {} : JSON.parse(columns);
  } catch {
    return 'columns must be JSON: {"header": "field", …}';
  }
  const m = ColumnMapping.safeParse({ register, columns: parsed });
  if (!m.success) return z.prettifyError(m.error);
  const fields = new Set(templateOf(m.data.register).columns.map((c) => c.field));
  const wrong = Object.entries(m.data.columns).filter(([, f]) => !fields.has(f));
  if (wrong.length > 0)
    return `register ${m.data.register} has no field ${wrong.map(([h, f]) => `"${f}" (for "${h}")`).join(', ')}: its fields are ${[...fields].join(', ')}`;
  return m.data;
}
