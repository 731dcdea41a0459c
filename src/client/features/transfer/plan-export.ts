import Papa from 'papaparse';
import { CSV_ESCAPE, inertCell } from '../../../shared/export/inert-cells.ts';
import type { PlanJobResult } from '../../../shared/transfer/plan-job.ts';

export interface PlanRow {
  villageCode: string;
  shelterId: string;
  township: string;
  village: string;
  shelter: string;
  people: number;
  vulnerable: number;
  minutes: number;
  pinned: boolean;
}

/** One row per village → shelter assignment, then the people with no place. */
export function planRows(
  result: PlanJobResult,
  names: { area: (code: string) => string; shelter: (id: string) => string },
): PlanRow[] {
  const rows: PlanRow[] = result.plan.assignments.map((a) => ({
    villageCode: a.village,
    shelterId: a.shelter,
    township: names.area(a.village.slice(0, 9)),
    village: names.area(a.village),
    shelter: names.shelter(a.shelter),
    people: a.people,
    vulnerable: a.vulnerable,
    minutes: Math.round(a.seconds / 60),
    pinned: a.pinned,
  }));
  for (const u of result.plan.unplaced)
    rows.push({
      villageCode: u.village,
      shelterId: '',
      township: names.area(u.village.slice(0, 9)),
      village: names.area(u.village),
      shelter: '',
      people: u.people,
      vulnerable: u.vulnerable,
      minutes: NaN,
      pinned: false,
    });
  return rows;
}

export type CsvColumn = Exclude<keyof PlanRow, 'villageCode' | 'shelterId'>;

/** CSV with a BOM so Excel opens the Chinese names right; headers in the user's language. */
export function planCsv(
  rows: readonly PlanRow[],
  headers: Record<CsvColumn, string>,
  noPlace: string,
): string {
  const data = rows.map((r) => [
    r.township,
    r.village,
    r.shelter || noPlace,
    r.people,
    r.vulnerable,
    Number.isFinite(r.minutes) ? r.minutes : '',
    r.pinned ? '✓' : '',
  ]);
  const fields = (
    ['township', 'village', 'shelter', 'people', 'vulnerable', 'minutes', 'pinned'] as const
  ).map((k) => headers[k]);
  return `\uFEFF${Papa.unparse({ fields, data }, CSV_ESCAPE)}`;
}

/**
 * The plan as an Excel workbook: the assignments and the per-township summary on two sheets
 * (write-excel-file, loaded on first use). Text that would be a formula is written as text, as
 * in the CSV.
 */
export async function planXlsx(
  rows: readonly PlanRow[],
  headers: Record<CsvColumn, string>,
  townships: { title: string; header: string[]; rows: (string | number)[][] },
  sheetNames: [string, string],
  noPlace: string,
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const columns = ['township', 'village', 'shelter', 'people', 'vulnerable', 'minutes'] as const;
  const bold = (value: string) => ({ value: inertCell(value), fontWeight: 'bold' as const });
  const cell = (v: string | number | null) => (typeof v === 'string' ? inertCell(v) : v);
  const assignments = [
    columns.map((c) => bold(headers[c])),
    ...rows.map((r) =>
      [
        r.township,
        r.village,
        r.shelter || noPlace,
        r.people,
        r.vulnerable,
        Number.isFinite(r.minutes) ? r.minutes : null,
      ].map(cell),
    ),
  ];
  const summary = [townships.header.map(bold), ...townships.rows.map((row) => row.map(cell))];
  return writeXlsxFile([
    { data: assignments, sheet: sheetNames[0] },
    { data: summary, sheet: sheetNames[1] },
  ]).toBlob();
}
