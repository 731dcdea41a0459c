import Flatbush from 'flatbush';
import type { Feature } from 'geojson';
import {
  HIDDEN_ID_PREFIX,
  MICRO,
  REPORT_ID_PREFIX,
  hiddenHazardReader,
  reportReader,
  rowOfId,
} from '../../shared/columnar/history.ts';
import type { ColumnArray, Table } from '../../shared/columnar/table.ts';
import { COLLECTIONS, toFeature } from '../../shared/protocol/index.ts';
import type { BBox, Collection, ItemQuery } from './collection.ts';

type Reader = ReturnType<typeof reportReader> | ReturnType<typeof hiddenHazardReader>;

/** First row whose value is ≥ x in an ascending column. */
function lowerBound(sorted: Uint32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The historical sets (603,900 reports) served straight from their column table: rows are
 * decoded into entities only when a page of them is sent.
 */
export class TableCollection implements Collection {
  readonly queryables: readonly string[];
  readonly timeField: string;
  private readonly reader: Reader;
  private readonly featureAt: (row: number) => Feature;
  private index: Flatbush | null = null;
  private bounds: BBox | null | undefined;

  constructor(
    readonly id: 'hazard-reports' | 'hidden-hazards',
    private readonly table: Table,
  ) {
    if (id === 'hazard-reports') {
      const reader = reportReader(table);
      this.reader = reader;
      this.featureAt = (row) => toFeature('hazard-reports', reader.at(row));
    } else {
      const reader = hiddenHazardReader(table);
      this.reader = reader;
      this.featureAt = (row) => toFeature('hidden-hazards', reader.at(row));
    }
    this.queryables = COLLECTIONS[id].queryables;
    this.timeField = COLLECTIONS[id].timeField;
  }

  size(): number {
    return this.reader.rows;
  }

  /** Built on the first spatial query: most clients page by time or township instead. */
  private spatialIndex(): Flatbush {
    if (this.index) return this.index;
    const { lon, lat, rows } = this.reader;
    const index = new Flatbush(Math.max(1, rows));
    for (let i = 0; i < rows; i++) {
      const x = (lon[i] ?? 0) / MICRO;
      const y = (lat[i] ?? 0) / MICRO;
      index.add(x, y, x, y);
    }
    index.finish();
    this.index = index;
    return index;
  }

  private codedFilter(name: string, value: string): ((row: number) => boolean) | null {
    const column = (col: string): [ColumnArray, string[]] => {
      const header = this.table.header.columns.find((c) => c.name === col);
      const data = this.table.columns[col];
      if (!header?.dictionary || !data) throw new Error(`${this.id} lacks coded column ${col}`);
      return [data, header.dictionary];
    };
    if (name === 'countyCode') {
      const [data, dict] = column('township');
      const allowed = new Set(dict.flatMap((code, i) => (code.startsWith(value) ? [i] : [])));
      return (row) => allowed.has(data[row] ?? -1);
    }
    const col = name === 'townshipCode' ? 'township' : name;
    const [data, dict] = column(col);
    const code = dict.indexOf(value);
    return (row) => data[row] === code;
  }

  match(query: ItemQuery): number[] {
    const time = this.reader.time;
    let from = 0;
    let to = this.reader.rows;
    if (query.datetime) {
      if (query.datetime.start !== null)
        from = lowerBound(time, Math.ceil(query.datetime.start / 1000));
      if (query.datetime.end !== null)
        to = lowerBound(time, Math.floor(query.datetime.end / 1000) + 1);
    }
    let rows: number[];
    if (query.bbox) {
      const [w, s, e, n] = query.bbox;
      rows = this.spatialIndex()
        .search(w, s, e, n)
        .filter((i) => i >= from && i < to)
        .sort((a, b) => a - b);
    } else {
      rows = [];
      for (let i = from; i < to; i++) rows.push(i);
    }
    for (const [name, value] of Object.entries(query.filters ?? {})) {
      const keep = this.codedFilter(name, value);
      if (keep) rows = rows.filter(keep);
    }
    return rows;
  }

  feature(row: number): Feature {
    if (row < 0 || row >= this.reader.rows) throw new RangeError(`${this.id} has no row ${row}`);
    return this.featureAt(row);
  }

  find(key: string): Feature | undefined {
    const row = rowOfId(this.id === 'hazard-reports' ? REPORT_ID_PREFIX : HIDDEN_ID_PREFIX, key);
    return row >= 0 && row < this.reader.rows ? this.feature(row) : undefined;
  }

  extent(): BBox | null {
    if (this.bounds !== undefined) return this.bounds;
    const { lon, lat, rows } = this.reader;
    let [w, so, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < rows; i++) {
      const x = lon[i] ?? 0;
      const y = lat[i] ?? 0;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < so) so = y;
      if (y > n) n = y;
    }
    this.bounds = rows === 0 ? null : [w / MICRO, so / MICRO, e / MICRO, n / MICRO];
    return this.bounds;
  }
}
