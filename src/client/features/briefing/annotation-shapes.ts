import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import {
  MAX_ANNOTATION_POINTS,
  type Annotation,
  type AnnotationColour,
  type AnnotationKind,
  type LonLat,
} from '../../../shared/protocol/index.ts';
import type { DrawnShape, ShapeMode } from '../../map/shape-draw.ts';

/** The pens, in the warning colours' hues (readable over the dark wall map and on paper). */
export const PEN: Record<AnnotationColour, `#${string}`> = {
  red: '#ef4444',
  orange: '#f97316',
  yellow: '#facc15',
  blue: '#38bdf8',
  white: '#f8fafc',
};

/** Which terra-draw mode draws each kind of annotation. */
export const SHAPE_OF: Record<AnnotationKind, ShapeMode> = {
  arrow: 'linestring',
  freehand: 'freehand',
  polygon: 'polygon',
  circle: 'circle',
  text: 'point',
};

let made = 0;
/** Unique enough within a briefing without a server round trip. */
const newId = () => `A${Date.now().toString(36)}${(made++ % 1296).toString(36)}`;

/** 6 decimals: 0.1 m, and a third of the characters of a double. */
const round = (p: Position): LonLat => [
  Math.round((p[0] ?? 0) * 1e6) / 1e6,
  Math.round((p[1] ?? 0) * 1e6) / 1e6,
];

/** A stroke thinned (Douglas–Peucker, growing tolerance) to what a saved line may hold. */
export function thin(path: readonly Position[], max = MAX_ANNOTATION_POINTS): LonLat[] {
  const rounded = path.map(round);
  let out = rounded;
  for (let tolerance = 1e-6; out.length > max; tolerance *= 2)
    out = turf.simplify(turf.lineString(rounded), { tolerance }).geometry.coordinates.map(round);
  return out;
}

/** A finished shape as the annotation the tool makes of it (null: nothing worth keeping). */
export function toAnnotation(
  kind: AnnotationKind,
  colour: AnnotationColour,
  shape: DrawnShape,
  text: string,
): Annotation | null {
  const g = shape.geometry;
  const base = { id: newId(), colour };
  switch (kind) {
    case 'arrow':
    case 'freehand': {
      if (g.type !== 'LineString') return null;
      const path = thin(g.coordinates);
      return path.length >= 2 ? { ...base, kind, path } : null;
    }
    case 'polygon': {
      if (g.type !== 'Polygon') return null;
      const ring = thin(g.coordinates[0] ?? []).slice(0, -1);
      return ring.length >= 3 ? { ...base, kind, ring } : null;
    }
    case 'circle': {
      if (g.type !== 'Polygon' || !shape.radiusM) return null;
      const [w, s, e, n] = turf.bbox(g);
      return { ...base, kind, centre: round([(w + e) / 2, (s + n) / 2]), radiusM: shape.radiusM };
    }
    case 'text': {
      const t = text.trim();
      return g.type === 'Point' && t ? { ...base, kind, at: round(g.coordinates), text: t } : null;
    }
  }
}

/** The arrow's head: a triangle at the last point, pointing along the last segment. */
export function arrowHead(path: readonly LonLat[]): Polygon | null {
  const tip = path[path.length - 1];
  const back = path[path.length - 2];
  if (!tip || !back) return null;
  const total = turf.length(turf.lineString(path as LonLat[]), { units: 'meters' });
  const last = turf.distance(back, tip, { units: 'meters' });
  const size = Math.min(total * 0.15, last * 0.8, 3_000);
  if (!(size > 0)) return null;
  const bearing = turf.bearing(tip, back);
  const barb = (side: number) =>
    turf.destination(tip, size, bearing + side * 25, { units: 'meters' }).geometry.coordinates;
  return { type: 'Polygon', coordinates: [[tip, barb(-1), barb(1), tip]] };
}

export interface ShapeProps {
  colour: AnnotationColour;
  /** Areas are filled lightly; arrow heads solid. */
  fill: number;
}

/** Everything but text as GeoJSON (so the basemap's datum shift applies like to all data). */
export function annotationFeatures(list: readonly Annotation[]): FeatureCollection {
  const features: Feature[] = [];
  const add = (geometry: Feature['geometry'], colour: AnnotationColour, fill: number) =>
    features.push({ type: 'Feature', properties: { colour, fill }, geometry });
  for (const a of list) {
    switch (a.kind) {
      case 'arrow': {
        add({ type: 'LineString', coordinates: a.path }, a.colour, 0);
        const head = arrowHead(a.path);
        if (head) add(head, a.colour, 255);
        break;
      }
      case 'freehand':
        add({ type: 'LineString', coordinates: a.path }, a.colour, 0);
        break;
      case 'polygon':
        add({ type: 'Polygon', coordinates: [[...a.ring, a.ring[0] ?? [0, 0]]] }, a.colour, 50);
        break;
      case 'circle':
        add(turf.circle(a.centre, a.radiusM / 1000, { steps: 72 }).geometry, a.colour, 50);
        break;
      case 'text':
        break;
    }
  }
  return { type: 'FeatureCollection', features };
}
