import type { FeatureCollection, Geometry } from 'geojson';
import polylabel from 'polylabel';
import type { Theme } from '../../map/base-style.ts';
import type { LayerGroup } from '../../map/layer-group.ts';

/** Palette per theme; the dark one is tuned for a wall seen from 5 m. */
const PALETTE = {
  dark: {
    county: '#38bdf8',
    township: '#3b82c4',
    townshipFill: '#0e1f35',
    village: '#1d3f5f',
    label: '#e5edf7',
    halo: '#07101f',
    river: '#2f7fc1',
    road: { highway: '#8a6d3b', arterial: '#5b6b80', local: '#2c3a4d', access: '#26323f' },
  },
  light: {
    county: '#1d4ed8',
    township: '#64748b',
    townshipFill: '#ffffff',
    village: '#cbd5e1',
    label: '#0f172a',
    halo: '#ffffff',
    river: '#3b82f6',
    road: { highway: '#d97706', arterial: '#94a3b8', local: '#cbd5e1', access: '#e2e8f0' },
  },
} as const;

export interface BaseData {
  counties: FeatureCollection;
  townships: FeatureCollection;
  villages: FeatureCollection;
  rivers: FeatureCollection;
  roads: FeatureCollection;
}

/** Layer groups of the base geography, bottom to top. */
export function baseLayerGroups(
  data: BaseData,
  theme: Theme,
  /** A basemap is drawn underneath: the township fill only tints it. */
  overBasemap = false,
): LayerGroup[] {
  const c = PALETTE[theme];
  return [
    {
      id: 'townships',
      data: data.townships,
      layers: [
        {
          id: 'townships-fill',
          type: 'fill',
          paint: { 'fill-color': c.townshipFill, 'fill-opacity': overBasemap ? 0.12 : 0.85 },
        },
        {
          id: 'townships-line',
          type: 'line',
          paint: {
            'line-color': c.township,
            'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 13, 2.5],
          },
        },
      ],
    },
    {
      id: 'villages',
      data: data.villages,
      layers: [
        {
          id: 'villages-line',
          type: 'line',
          minzoom: 11,
          paint: { 'line-color': c.village, 'line-width': 0.8 },
        },
      ],
    },
    {
      id: 'rivers',
      data: data.rivers,
      layers: [
        {
          id: 'rivers-line',
          type: 'line',
          paint: {
            'line-color': c.river,
            'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2, 14, 6],
          },
        },
      ],
    },
    {
      id: 'roads',
      data: data.roads,
      layers: [
        // Local and access roads only once zoomed in: at city scale they are noise.
        {
          id: 'roads-minor',
          type: 'line',
          minzoom: 11,
          filter: ['in', ['get', 'class'], ['literal', ['local', 'access']]],
          paint: {
            'line-color': ['match', ['get', 'class'], 'local', c.road.local, c.road.access],
            'line-width': 1,
          },
        },
        {
          id: 'roads-major',
          type: 'line',
          filter: ['in', ['get', 'class'], ['literal', ['highway', 'arterial']]],
          paint: {
            'line-color': ['match', ['get', 'class'], 'highway', c.road.highway, c.road.arterial],
            'line-width': ['match', ['get', 'class'], 'highway', 2.5, 1.6],
          },
        },
      ],
    },
    {
      id: 'counties',
      data: data.counties,
      layers: [
        {
          id: 'counties-line',
          type: 'line',
          paint: {
            'line-color': c.county,
            'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2, 13, 4],
          },
        },
      ],
    },
  ];
}

/** Place names: counties, townships and (when the villages layer is on) villages. */
/** `scale` enlarges names for big screens (a 4K wall is read from 5 m). */
export function labelGroup(
  data: BaseData,
  theme: Theme,
  villageNames: boolean,
  scale = 1,
): LayerGroup {
  const c = PALETTE[theme];
  const group: LayerGroup = {
    id: 'labels',
    data: labelPoints(data),
    layers: [
      {
        id: 'village-labels',
        type: 'symbol',
        minzoom: 12.5,
        filter: ['==', ['get', 'level'], 'village'],
        layout: { 'text-field': ['get', 'name'], 'text-size': 13 * scale },
        paint: {
          'text-color': c.label,
          'text-opacity': 0.75,
          'text-halo-color': c.halo,
          'text-halo-width': 1.5,
        },
      },
      {
        id: 'township-labels',
        type: 'symbol',
        minzoom: 9.5,
        filter: ['==', ['get', 'level'], 'township'],
        layout: {
          'text-field': ['get', 'name'],
          'text-size': ['interpolate', ['linear'], ['zoom'], 10, 13 * scale, 14, 20 * scale],
          // Under the point: the per-township counts (teams, grid members) sit on it.
          'text-anchor': 'top',
          'text-offset': [0, 0.9],
        },
        paint: { 'text-color': c.label, 'text-halo-color': c.halo, 'text-halo-width': 2 },
      },
      {
        id: 'county-labels',
        type: 'symbol',
        maxzoom: 11,
        filter: ['==', ['get', 'level'], 'county'],
        layout: {
          'text-field': ['get', 'name'],
          'text-size': 20 * scale,
          'text-letter-spacing': 0.1,
          'symbol-sort-key': ['get', 'rank'],
        },
        paint: { 'text-color': c.county, 'text-halo-color': c.halo, 'text-halo-width': 2.5 },
      },
    ],
  };
  return villageNames
    ? group
    : { ...group, layers: group.layers.filter((l) => l.id !== 'village-labels') };
}

const labelCache = new WeakMap<BaseData, FeatureCollection>();

/**
 * Where a county's name goes: the pole of inaccessibility of its largest part, the point furthest
 * from its border (a seat or centroid can sit at the edge of a ring-shaped district such as 祥符区).
 */
export function countyLabelPoint(geometry: Geometry): { point: [number, number]; radius: number } {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  let best = { point: [0, 0] as [number, number], radius: -1 };
  for (const rings of polygons) {
    const p = polylabel(rings as [number, number][][], 0.0005);
    if (p.distance > best.radius) best = { point: [p[0], p[1]], radius: p.distance };
  }
  return best;
}

/** One label point per area: townships and villages at their seat, counties at their pole. */
function labelPoints(data: BaseData): FeatureCollection {
  const cached = labelCache.get(data);
  if (cached) return cached;
  const features = [data.counties, data.townships, data.villages].flatMap((fc) =>
    fc.features.map((f) => {
      const level = f.properties?.level as string;
      const pole = level === 'county' ? countyLabelPoint(f.geometry) : null;
      return {
        type: 'Feature' as const,
        id: f.id,
        geometry: {
          type: 'Point' as const,
          coordinates: pole?.point ?? (f.properties?.seat as [number, number]),
        },
        // Roomier areas win label collisions.
        properties: { name: f.properties?.name as string, level, rank: -(pole?.radius ?? 0) },
      };
    }),
  );
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  labelCache.set(data, fc);
  return fc;
}
