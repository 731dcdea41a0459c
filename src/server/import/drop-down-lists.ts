import { readFile, writeFile } from 'node:fs/promises';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** A column (0-based) whose cells from `fromRow` (1-based) down must be one of `choices`. */
export interface DropDown {
  column: number;
  fromRow: number;
  choices: readonly string[];
}

/** Rows a template's lists cover: far more than any register a bureau keeps. */
const LAST_ROW = 20_000;

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Adds data-validation drop-down lists to the first sheet of an XLSX written by
 * write-excel-file (which has none): Excel and WPS then offer the register's types in each cell
 * and warn on anything else. The lists are inline (`"是,否"`), so no hidden sheet is needed.
 */
export async function addDropDowns(path: string, lists: readonly DropDown[]): Promise<void> {
  if (lists.length === 0) return;
  const files = unzipSync(await readFile(path));
  const name = 'xl/worksheets/sheet1.xml';
  const sheet = files[name];
  if (!sheet) throw new Error(`${path} has no ${name}`);
  const rules = lists.map((l) => {
    const col = columnLetters(l.column);
    // Inline lists are comma-separated and at most 255 characters (Excel's limit).
    const formula = `"${l.choices.map((c) => c.replace(/[,"]/g, '')).join(',')}"`;
    if (formula.length > 257) throw new Error(`the list of column ${col} is over 255 characters`);
    return (
      `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="warning"` +
      ` errorTitle="${xml('不在列表中')}" error="${xml(`请从列表中选择：${l.choices.join('、')}`)}"` +
      ` sqref="${col}${l.fromRow}:${col}${LAST_ROW}"><formula1>${xml(formula)}</formula1></dataValidation>`
    );
  });
  const block = `<dataValidations count="${rules.length}">${rules.join('')}</dataValidations>`;
  const text = strFromU8(sheet);
  // The schema's order: dataValidations come after sheetData (and mergeCells, conditional
  // formatting) and before hyperlinks, margins and page setup.
  const after =
    /<\/(?:conditionalFormatting|mergeCells|sheetData)>(?![\s\S]*<\/(?:conditionalFormatting|mergeCells|sheetData)>)/.exec(
      text,
    );
  if (!after) throw new Error(`${name} has no sheetData`);
  const at = after.index + after[0].length;
  files[name] = strToU8(text.slice(0, at) + block + text.slice(at));
  await writeFile(path, zipSync(files, { level: 6 }));
}
