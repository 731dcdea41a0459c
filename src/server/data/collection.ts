import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature } from 'geojson';
import {
  COLLECTIONS,
  toFeature,
  type CollectionId,
  type EntityOf,
} from '../../shared/protocol/index.ts';

export type BBox = [number, number, number, number];
export interface TimeRange {
  /** Unix milliseconds, inclusive; null is open-ended. */
  start: number | null;
  end: number | null;
}

export interface ItemQuery {
  bbox?: BBox;
  datetime?: TimeRange;
  /** Equality on top-level properties, e.g. { status: 'open' }. */
  filters?: Record<string, string>;
}

/** What the read API needs from any collection, whether held as objects or as columns. */
export interface Collection {
  readonly id: CollectionId;
  /** Property that carries the item's time for `datetime` queries, if any. */
  readonly timeField: string | null;
  /** Properties a client may filter on with `?name=value`. */
  readonly queryables: readonly string[];
  size(): number;
  /** Row numbers matching the query, in storage order. */
  match(query: ItemQuery): number[];
  feature(row: number): Feature;
  find(key: string): Feature | undefined;
  extent(): BBox | null;
}

function bboxOf(feature: Feature): BBox {
  const [w, s, e, n] = turf.bbox(feature);
  return [w, s, e, n];
}

/** Entities held as validated objects, with an R-tree over their bounds. */
export class EntityCollection<C extends CollectionId> implements Collection {
  private readonly features: Feature[];
  private readonly byKey: Map<string, number>;
  private readonly index: Flatbush | null;
  private readonly boxes: BBox[];

  readonly timeField: string | null;
  readonly queryables: readonly string[];

  constructor(
    readonly id: C,
    readonly entities: readonly EntityOf<C>[],
  ) {
    this.timeField = COLLECTIONS[id].timeField;
    this.queryables = COLLECTIONS[id].queryables;
    this.features = entities.map((e) => toFeature(id, e));
    this.byKey = new Map(this.features.map((f, i) => [String(f.id), i]));
    this.boxes = this.features.map(bboxOf);
    if (this.boxes.length > 0) {
      const index = new Flatbush(this.boxes.length);
      for (const b of this.boxes) index.add(b[0], b[1], b[2], b[3]);
      index.finish();
      this.index = index;
    } else {
      this.index = null;
    }
  }

  size(): number {
    return this.features.length;
  }

  match(query: ItemQuery): number[] {
    let rows: number[];
    if (query.bbox && this.index) {
      const box = query.bbox;
      const boxPolygon = turf.bboxPolygon(box);
      rows = this.index
        .search(box[0], box[1], box[2], box[3])
        .sort((a, b) => a - b)
        .filter((i) => {
          const f = this.features[i];
          // Bounds overlap is a first cut; areas and lines must really touch the box.
          return f && (f.geometry.type === 'Point' || turf.booleanIntersects(boxPolygon, f));
        });
    } else if (query.bbox) {
      rows = [];
    } else {
      rows = this.features.map((_, i) => i);
    }
    const { datetime, filters } = query;
    if (datetime && this.timeField) {
      const field = this.timeField;
      rows = rows.filter((i) => {
        const t = Date.parse(String(this.features[i]?.properties?.[field] ?? ''));
        return (
          (datetime.start === null || t >= datetime.start) &&
          (datetime.end === null || t <= datetime.end)
        );
      });
    }
    if (filters) {
      for (const [name, value] of Object.entries(filters)) {
        rows = rows.filter((i) => String(this.features[i]?.properties?.[name]) === value);
      }
    }
    return rows;
  }

  feature(row: number): Feature {
    const f = this.features[row];
    if (!f) throw new RangeError(`${this.id} has no row ${row}`);
    return f;
  }

  find(key: string): Feature | undefined {
    const row = this.byKey.get(key);
    return row === undefined ? undefined : this.features[row];
  }

  extent(): BBox | null {
    if (this.boxes.length === 0) return null;
    return this.boxes.reduce<BBox>(
      (a, b) => [
        Math.min(a[0], b[0]),
        Math.min(a[1], b[1]),
        Math.max(a[2], b[2]),
        Math.max(a[3], b[3]),
      ],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
  }
}
