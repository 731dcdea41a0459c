import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import type { Cell } from '../../shared/import/cells.ts';
import { decodeText } from '../../shared/import/decode-text.ts';
import { fileError, words, type Problem } from '../../shared/import/problems.ts';
import type { SourceTable } from '../../shared/import/sheet-header.ts';

/** Larger files are refused before they are read into memory (a register is kilobytes). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export interface ReadTables {
  tables: SourceTable[];
  problems: Problem[];
  /** How a CSV was decoded (said in the report: garbled GBK is the first thing users curse). */
  encoding: string | null;
}

/** A file refused whole, with the reason. */
const refused = (file: string, zh: string, en: string): ReadTables => ({
  tables: [],
  encoding: null,
  problems: [fileError(file, words(zh, en))],
});

/** The refusal of a file over the import limit, before any of it is read; null if it is not. */
export function oversize(file: string, size: number): Problem | null {
  if (size <= MAX_IMPORT_BYTES) return null;
  return fileError(
    file,
    words(
      `文件 ${Math.round(size / 1048576)} MB，超过 ${MAX_IMPORT_BYTES / 1048576} MB 上限，未读取`,
      `the file is ${Math.round(size / 1048576)} MB, over the ${MAX_IMPORT_BYTES / 1048576} MB limit: not read`,
    ),
  );
}

/** The sheets of a CSV (UTF-8, UTF-8 with BOM or GBK/GB18030) or XLSX file, as rows of cells. */
export async function readTables(path: string): Promise<ReadTables> {
  const file = basename(path);
  const size = (await stat(path)).size;
  const over = oversize(file, size);
  if (over) return { tables: [], encoding: null, problems: [over] };
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const { text, encoding } = decodeText(new Uint8Array(await readFile(path)));
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    const problems = parsed.errors.slice(0, 20).map(
      (e): Problem => ({
        level: 'error',
        file,
        sheet: null,
        row: e.row === undefined ? null : e.row + 1,
        column: null,
        value: '',
        reason: words(`CSV 格式错误：${e.message}`, `CSV: ${e.message}`),
      }),
    );
    return { tables: [{ file, sheet: null, rows: parsed.data }], problems, encoding };
  }
  if (ext === '.xlsx') {
    try {
      const sheets = await readXlsxFile(path);
      return {
        tables: sheets.map((s) => ({ file, sheet: s.sheet, rows: s.data as Cell[][] })),
        problems: [],
        encoding: null,
      };
    } catch (e) {
      return refused(
        file,
        `无法读取 XLSX（文件损坏或不是 XLSX）：${(e as Error).message}`,
        `cannot read the XLSX (damaged, or not an XLSX): ${(e as Error).message}`,
      );
    }
  }
  return refused(
    file,
    `不支持的文件类型 ${ext || '（无扩展名）'}：登记表请用 .xlsx 或 .csv`,
    `unsupported file type ${ext || '(none)'}: registers are .xlsx or .csv`,
  );
}
