import { circle } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import { COLLECTIONS, type CollectionId, type EntityOf } from './collections.ts';
import type { LonLat, PolygonGeometry } from './common.ts';
import type { Warning } from './warning.ts';

/** How an entity of each collection carries its geometry. */
type GeometryField = 'position' | 'geometry' | 'areas';
const GEOMETRY_FIELD: Record<CollectionId, GeometryField> = {
  cities: 'geometry',
  counties: 'geometry',
  townships: 'geometry',
  villages: 'geometry',
  'risk-points': 'position',
  shelters: 'position',
  teams: 'position',
  depots: 'position',
  cameras: 'position',
  'grid-members': 'position',
  'responsible-persons': 'position',
  stations: 'position',
  'hazard-reports': 'position',
  'hidden-hazards': 'position',
  'open-hazards': 'position',
  incidents: 'position',
  firings: 'position',
  callouts: 'position',
  warnings: 'areas',
  roads: 'geometry',
  rivers: 'geometry',
};

/** A CAP circle (radius in km) drawn as a 32-gon. */
export function circlePolygon(center: LonLat, radiusKm: number): PolygonGeometry {
  const polygon = circle(center, radiusKm, { steps: 32, units: 'kilometers' });
  return { type: 'Polygon', coordinates: polygon.geometry.coordinates as LonLat[][] };
}

function warningGeometry(w: Warning): Geometry {
  const polygons = w.areas.flatMap((a) => [
    ...a.polygons.map((p) => p.coordinates),
    ...a.circles.map((c) => circlePolygon(c.center, c.radiusKm).coordinates),
  ]);
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** The GeoJSON feature of an entity: its geometry out, everything else in `properties`. */
export function toFeature<C extends CollectionId>(collection: C, entity: EntityOf<C>): Feature {
  const record = entity as Record<string, unknown>;
  const id = String(record[COLLECTIONS[collection].key]);
  const field = GEOMETRY_FIELD[collection];
  if (field === 'areas') {
    return {
      type: 'Feature',
      id,
      geometry: warningGeometry(entity as Warning),
      properties: record,
    };
  }
  const { [field]: shape, ...properties } = record;
  const geometry: Geometry =
    field === 'position' ? { type: 'Point', coordinates: shape as LonLat } : (shape as Geometry);
  return { type: 'Feature', id, geometry, properties };
}

/** The entity back from its feature (validate it with the collection's schema). */
export function fromFeature(collection: CollectionId, feature: Feature): unknown {
  const field = GEOMETRY_FIELD[collection];
  const props = feature.properties ?? {};
  if (field === 'areas') return props;
  if (field === 'position') {
    const g = feature.geometry;
    return { ...props, position: g.type === 'Point' ? g.coordinates : null };
  }
  return { ...props, geometry: feature.geometry };
}
