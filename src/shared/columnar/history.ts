import {
  HazardStatus,
  HiddenHazardLevel,
  ReportCategory,
  ReportStatus,
  type HazardReport,
  type HiddenHazard,
} from '../protocol/index.ts';
import { dateCst, isoCst } from '../time.ts';
import { columnOf, dictionaryOf, encodeTable, type Table } from './table.ts';

/** Dictionaries of the coded columns; their order is part of the file format. */
export const REPORT_CATEGORIES = ReportCategory.options;
export const REPORT_STATUSES = ReportStatus.options;
export const HAZARD_STATUSES = HazardStatus.options;
export const HIDDEN_LEVELS = HiddenHazardLevel.options;

/** Coordinates are stored as whole micro-degrees (≈0.1 m). */
export const MICRO = 1e6;

export const REPORT_ID_PREFIX = 'HR';
export const HIDDEN_ID_PREFIX = 'HH';

export function rowId(prefix: string, row: number): string {
  return `${prefix}${String(row + 1).padStart(7, '0')}`;
}

/** Row number of an id made by rowId, or -1. */
export function rowOfId(prefix: string, id: string): number {
  if (!id.startsWith(prefix)) return -1;
  const n = Number(id.slice(prefix.length));
  return Number.isInteger(n) && n >= 1 ? n - 1 : -1;
}

/** Columns: time, settledAt (u32 unix seconds, 0 = open), category, status, township, lon, lat. */
export function reportReader(table: Table) {
  const time = columnOf(table, 'time', Uint32Array);
  const settledAt = columnOf(table, 'settledAt', Uint32Array);
  const category = columnOf(table, 'category', Uint8Array);
  const status = columnOf(table, 'status', Uint8Array);
  const township = columnOf(table, 'township', Uint16Array);
  const lon = columnOf(table, 'lon', Int32Array);
  const lat = columnOf(table, 'lat', Int32Array);
  const townships = dictionaryOf(table, 'township');
  const categories = dictionaryOf(table, 'category');
  const statuses = dictionaryOf(table, 'status');
  return {
    rows: table.header.rows,
    time,
    lon,
    lat,
    at(i: number): HazardReport {
      const code = townships[township[i] ?? 0] ?? '';
      const settled = settledAt[i] ?? 0;
      return {
        id: rowId(REPORT_ID_PREFIX, i),
        time: isoCst((time[i] ?? 0) * 1000),
        category: categories[category[i] ?? 0] as HazardReport['category'],
        status: statuses[status[i] ?? 0] as HazardReport['status'],
        settledAt: settled === 0 ? null : isoCst(settled * 1000),
        countyCode: code.slice(0, 6),
        townshipCode: code,
        position: [(lon[i] ?? 0) / MICRO, (lat[i] ?? 0) / MICRO],
      };
    },
  };
}

/** Columns: reportedAt, deadline, rectifiedAt (0 = open), category, level, status, township, lon, lat. */
export function hiddenHazardReader(table: Table) {
  const reportedAt = columnOf(table, 'reportedAt', Uint32Array);
  const deadline = columnOf(table, 'deadline', Uint32Array);
  const rectifiedAt = columnOf(table, 'rectifiedAt', Uint32Array);
  const category = columnOf(table, 'category', Uint8Array);
  const level = columnOf(table, 'level', Uint8Array);
  const status = columnOf(table, 'status', Uint8Array);
  const township = columnOf(table, 'township', Uint16Array);
  const lon = columnOf(table, 'lon', Int32Array);
  const lat = columnOf(table, 'lat', Int32Array);
  const townships = dictionaryOf(table, 'township');
  const categories = dictionaryOf(table, 'category');
  const levels = dictionaryOf(table, 'level');
  const statuses = dictionaryOf(table, 'status');
  return {
    rows: table.header.rows,
    time: reportedAt,
    lon,
    lat,
    at(i: number): HiddenHazard {
      const code = townships[township[i] ?? 0] ?? '';
      const rectified = rectifiedAt[i] ?? 0;
      return {
        id: rowId(HIDDEN_ID_PREFIX, i),
        category: categories[category[i] ?? 0] as HiddenHazard['category'],
        level: levels[level[i] ?? 0] as HiddenHazard['level'],
        status: statuses[status[i] ?? 0] as HiddenHazard['status'],
        reportedAt: isoCst((reportedAt[i] ?? 0) * 1000),
        deadline: dateCst((deadline[i] ?? 0) * 1000),
        rectifiedAt: rectified === 0 ? null : isoCst(rectified * 1000),
        countyCode: code.slice(0, 6),
        townshipCode: code,
        position: [(lon[i] ?? 0) / MICRO, (lat[i] ?? 0) / MICRO],
      };
    },
  };
}

/**
 * The two history tables of a jurisdiction that has none yet (a bureau's own, before any report
 * is imported): no rows, the columns and dictionaries of the file format, so every reader works.
 */
export function emptyHistoryTables(scenario: string): {
  'hazard-reports': Uint8Array;
  'hidden-hazards': Uint8Array;
} {
  const u32 = () => new Uint32Array(0);
  const u8 = () => new Uint8Array(0);
  const place = [
    { name: 'township', data: new Uint16Array(0), dictionary: [] },
    { name: 'lon', data: new Int32Array(0) },
    { name: 'lat', data: new Int32Array(0) },
  ];
  return {
    'hazard-reports': encodeTable(
      0,
      [
        { name: 'time', data: u32() },
        { name: 'settledAt', data: u32() },
        { name: 'category', data: u8(), dictionary: [...REPORT_CATEGORIES] },
        { name: 'status', data: u8(), dictionary: [...REPORT_STATUSES] },
        ...place,
      ],
      { scenario, kind: 'hazard-reports' },
    ),
    'hidden-hazards': encodeTable(
      0,
      [
        { name: 'reportedAt', data: u32() },
        { name: 'deadline', data: u32() },
        { name: 'rectifiedAt', data: u32() },
        { name: 'category', data: u8(), dictionary: [...REPORT_CATEGORIES] },
        { name: 'level', data: u8(), dictionary: [...HIDDEN_LEVELS] },
        { name: 'status', data: u8(), dictionary: [...HAZARD_STATUSES] },
        ...place,
      ],
      { scenario, kind: 'hidden-hazards' },
    ),
  };
}
