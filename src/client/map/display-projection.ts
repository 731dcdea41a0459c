import type { Layer } from '@deck.gl/core';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { LayerGroup } from './layer-group.ts';

type LonLat = [number, number];

/**
 * How data coordinates (WGS-84, as everything in OneMap is stored) become map coordinates for
 * the basemap under them. Over GCJ-02 tiles (Gaode) every position is shifted at draw time and
 * every click shifted back, so data, picks and measurements stay in WGS-84 and exports stay
 * true; over WGS-84/CGCS2000 tiles nothing happens.
 */
export interface DisplayProjection {
  /** Which datum the map is drawn in ('wgs84' for the identity). */
  readonly crs: string;
  toDisplay(p: readonly number[]): LonLat;
  fromDisplay(p: readonly number[]): LonLat;
  group(g: LayerGroup): LayerGroup;
  deckLayer(layer: Layer): Layer;
}

export const IDENTITY: DisplayProjection = {
  crs: 'wgs84',
  toDisplay: (p) => [p[0] ?? 0, p[1] ?? 0],
  fromDisplay: (p) => [p[0] ?? 0, p[1] ?? 0],
  group: (g) => g,
  deckLayer: (l) => l,
};

const POINT_ACCESSORS = ['getPosition', 'getSourcePosition', 'getTargetPosition'] as const;

/** How a datum shift is computed: point by point, both ways, and for packed lon/lat arrays. */
export interface PointShift {
  crs: string;
  to(lon: number, lat: number): LonLat;
  from(lon: number, lat: number): LonLat;
  toArray<T extends Float32Array | Float64Array>(xy: T): T;
}

/**
 * A display projection from a datum shift: GeoJSON of MapLibre groups, deck.gl position and
 * path accessors, GeoJSON and binary deck data are all shifted on their way to the map.
 */
export function shiftedProjection(shift: PointShift): DisplayProjection {
  const to = (p: readonly number[]): LonLat => shift.to(p[0] ?? 0, p[1] ?? 0);
  // Results are cached by the input object: unchanged data keeps its identity, so neither
  // MapLibre nor deck.gl uploads it again.
  const collections = new WeakMap<object, FeatureCollection>();
  const groups = new WeakMap<LayerGroup, LayerGroup>();
  const arrays = new WeakMap<object, Float32Array | Float64Array>();
  const binaries = new WeakMap<object, unknown>();

  const geometry = (g: Geometry): Geometry => {
    const ring = (r: Position[]) => r.map(to);
    switch (g.type) {
      case 'Point':
        return { type: 'Point', coordinates: to(g.coordinates) };
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: ring(g.coordinates) };
      case 'LineString':
        return { type: 'LineString', coordinates: ring(g.coordinates) };
      case 'MultiLineString':
        return { type: 'MultiLineString', coordinates: g.coordinates.map(ring) };
      case 'Polygon':
        return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
      case 'GeometryCollection':
        return { type: 'GeometryCollection', geometries: g.geometries.map(geometry) };
    }
  };
  const collection = (fc: FeatureCollection): FeatureCollection => {
    const hit = collections.get(fc);
    if (hit) return hit;
    const out: FeatureCollection = {
      ...fc,
      features: fc.features.map((f) => ({ ...f, geometry: geometry(f.geometry) })),
    };
    collections.set(fc, out);
    return out;
  };
  const positions = (a: Float32Array | Float64Array) => {
    const hit = arrays.get(a);
    if (hit) return hit;
    const out = shift.toArray(a);
    arrays.set(a, out);
    return out;
  };

  return {
    crs: shift.crs,
    toDisplay: to,
    fromDisplay: (p) => shift.from(p[0] ?? 0, p[1] ?? 0),
    group: (g) => {
      const hit = groups.get(g);
      if (hit) return hit;
      const out = { ...g, data: collection(g.data) };
      groups.set(g, out);
      return out;
    },
    deckLayer: (layer) => {
      const props = layer.props as unknown as Record<string, unknown>;
      const over: Record<string, unknown> = {};
      const triggers: Record<string, unknown> = {
        ...((props.updateTriggers as Record<string, unknown> | undefined) ?? {}),
      };
      for (const key of POINT_ACCESSORS) {
        const acc = props[key];
        if (typeof acc === 'function') {
          const f = acc as (d: unknown, i: unknown) => readonly number[];
          over[key] = (d: unknown, i: unknown) => to(f(d, i));
          triggers[key] = [triggers[key], shift.crs];
        } else if (Array.isArray(acc)) over[key] = to(acc as number[]);
      }
      if (typeof props.getPath === 'function') {
        const f = props.getPath as (d: unknown, i: unknown) => readonly (readonly number[])[];
        over.getPath = (d: unknown, i: unknown) => f(d, i).map(to);
        triggers.getPath = [triggers.getPath, shift.crs];
      }
      const data = props.data as
        | { type?: string; attributes?: Record<string, { value: unknown }> }
        | null
        | undefined;
      if (data && data.type === 'FeatureCollection') {
        over.data = collection(data as unknown as FeatureCollection);
      } else if (data?.attributes?.getPosition) {
        // Binary data (live grid members, the reports heatmap): a shifted copy of the buffer.
        const cached = binaries.get(data);
        if (cached) over.data = cached;
        else {
          const attr = data.attributes.getPosition;
          const value = attr.value as Float32Array | Float64Array;
          const shifted = {
            ...data,
            attributes: { ...data.attributes, getPosition: { ...attr, value: positions(value) } },
          };
          binaries.set(data, shifted);
          over.data = shifted;
        }
      }
      if (Object.keys(over).length === 0) return layer;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- deck.gl types `clone` loosely on the base Layer; it returns a layer of the same class
      const shifted: Layer = layer.clone({ ...over, updateTriggers: triggers });
      return shifted;
    },
  };
}
