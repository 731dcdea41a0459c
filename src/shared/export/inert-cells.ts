/**
 * A cell text a spreadsheet would take for a formula or a command (CSV/formula injection, OWASP):
 * starting with = + - @, a tab or a carriage return. One rule for every export OneMap writes.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The text as it was typed, shown but never run: a leading apostrophe, which Excel, WPS and
 * LibreOffice read as "this is text" (what papaparse's `escapeFormulae` writes too).
 */
export function inertCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Papaparse's option for the same rule. */
export const CSV_ESCAPE = { escapeFormulae: FORMULA_START } as const;
