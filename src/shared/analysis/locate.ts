import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { AdminArea, LonLat } from '../protocol/index.ts';

/**
 * Which of a set of admin areas holds a point: a bounding-box index narrows the candidates, an
 * exact point-in-polygon test decides. Built once per area list (thousands of villages).
 */
export class AreaLocator {
  private readonly index: Flatbush | null;

  constructor(private readonly areas: readonly AdminArea[]) {
    if (areas.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(areas.length);
    for (const a of areas) {
      const [minX, minY, maxX, maxY] = bboxOf(a);
      this.index.add(minX, minY, maxX, maxY);
    }
    this.index.finish();
  }

  /** The area holding `p`, or null outside all of them. */
  at(p: LonLat): AdminArea | null {
    if (!this.index) return null;
    for (const i of this.index.search(p[0], p[1], p[0], p[1])) {
      const a = this.areas[i];
      if (a && booleanPointInPolygon(p, a.geometry)) return a;
    }
    return null;
  }
}

function bboxOf(a: AdminArea): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const rings =
    a.geometry.type === 'Polygon' ? a.geometry.coordinates : a.geometry.coordinates.flat();
  for (const ring of rings)
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  return [minX, minY, maxX, maxY];
}
