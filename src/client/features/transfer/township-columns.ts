import type { TFunction } from 'i18next';
import type { TownshipTransfer } from '../../../shared/transfer/plan-job.ts';

export type TownshipColumnId =
  | 'township'
  | 'people'
  | 'vulnerable'
  | 'unplaced'
  | 'busTrips'
  | 'boatTrips'
  | 'teams'
  | 'hours'
  | 'teamNames';

/** What a printed or on-screen summary shows (the workbook adds the teams' names). */
export const SUMMARY_COLUMNS: readonly TownshipColumnId[] = [
  'township',
  'people',
  'vulnerable',
  'unplaced',
  'busTrips',
  'boatTrips',
  'teams',
  'hours',
];

export interface TownshipColumn {
  id: TownshipColumnId;
  header: string;
  /** The cell's value: numbers stay numbers (a spreadsheet adds them up). */
  value: (x: TownshipTransfer) => string | number;
}

/**
 * The per-township summary's columns, defined once for the panel, the printed sheet and the
 * Excel workbook (each picks the ones it shows).
 */
export function townshipColumns(
  ids: readonly TownshipColumnId[],
  t: TFunction,
  area: (code: string) => string,
  teamName: (id: string) => string = (id) => id,
): TownshipColumn[] {
  const all: Record<TownshipColumnId, Omit<TownshipColumn, 'id'>> = {
    township: { header: t('transfer.township'), value: (x) => area(x.townshipCode) },
    people: { header: t('transfer.people'), value: (x) => x.people },
    vulnerable: { header: t('transfer.vulnerable'), value: (x) => x.vulnerable },
    unplaced: { header: t('transfer.unplaced'), value: (x) => x.unplaced },
    busTrips: { header: t('transfer.busTrips'), value: (x) => x.busTrips },
    boatTrips: { header: t('transfer.boatTrips'), value: (x) => x.boatTrips },
    teams: {
      header: t('transfer.teams'),
      value: (x) => t('transfer.teamsOf', { n: x.teamIds.length, needed: x.teamsNeeded }),
    },
    hours: { header: t('transfer.hours'), value: (x) => Math.round(x.hours * 10) / 10 },
    teamNames: {
      header: t('transfer.teamNames'),
      value: (x) => x.teamIds.map(teamName).join('、'),
    },
  };
  return ids.map((id) => ({ id, ...all[id] }));
}

/** A cell as the panel and the printed sheet show it (thousands separated, hours to a tenth). */
export function displayCell(c: TownshipColumn, x: TownshipTransfer, n: Intl.NumberFormat): string {
  const v = c.value(x);
  if (typeof v !== 'number') return v;
  return c.id === 'hours' ? v.toFixed(1) : n.format(v);
}

/** A spreadsheet of the summary: a title, the headers and rows of raw values. */
export function townshipSheet(
  title: string,
  columns: readonly TownshipColumn[],
  townships: readonly TownshipTransfer[],
): { title: string; header: string[]; rows: (string | number)[][] } {
  return {
    title,
    header: columns.map((c) => c.header),
    rows: townships.map((x) => columns.map((c) => c.value(x))),
  };
}
