import Papa from 'papaparse';
import type { PlanJobResult } from '../../../shared/transfer/plan-job.ts';

export interface PlanRow {
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

/** CSV with a BOM so Excel opens the Chinese names right; headers in the user's language. */
export function planCsv(
  rows: readonly PlanRow[],
  headers: Record<keyof PlanRow, string>,
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
  return `\uFEFF${Papa.unparse({ fields, data })}`;
}

/** Hands a text to the browser as a file download. */
export function download(text: string, name: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
