/** A sentence in both of the console's languages. */
export interface Words {
  zh: string;
  en: string;
}

/**
 * What is wrong (or worth knowing) about one cell, row or file of an import: where exactly, the
 * value found and why, in Chinese and English. An error keeps the row out; a warning does not.
 */
export interface Problem {
  level: 'error' | 'warning';
  file: string;
  sheet: string | null;
  /** 1-based row as the spreadsheet shows it; null for the whole file. */
  row: number | null;
  /** The column's header as written in the file; null for the whole row. */
  column: string | null;
  value: string;
  reason: Words;
}

export const words = (zh: string, en: string): Words => ({ zh, en });
