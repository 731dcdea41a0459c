import type { ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { Camera } from '../../../shared/protocol/index.ts';
import type { Theme } from '../../map/base-style.ts';
import type { LayerGroup } from '../../map/layer-group.ts';
import { facilityIcons, riskIcons } from './icons.ts';
import {
  CAMERA_COLOUR,
  CHOROPLETH,
  OVERDUE_RING,
  SHELTER_STATUS_COLOUR,
  WARNING_COLOUR,
} from './palette.ts';

function matchColour(
  field: string,
  colours: Record<string, string>,
  fallback: string,
): ExpressionSpecification {
  return [
    'match',
    ['get', field],
    ...Object.entries(colours).flat(),
    fallback,
  ] as unknown as ExpressionSpecification;
}

/** Clusters share a shape; the ring's colour tells whose they are. */
const clusterCircle = (id: string, theme: Theme, opacity: number, scale: number, ring: string) => ({
  id: `${id}-cluster`,
  type: 'circle' as const,
  filter: ['has', 'point_count'] as ExpressionSpecification,
  paint: {
    'circle-color': theme === 'dark' ? '#52637d' : '#e2e8f0',
    'circle-stroke-color': ring,
    'circle-stroke-width': 3,
    'circle-radius': [
      'interpolate',
      ['linear'],
      ['get', 'point_count'],
      2,
      14 * scale,
      50,
      22 * scale,
      500,
      32 * scale,
    ] as ExpressionSpecification,
    'circle-opacity': opacity,
  },
});

const clusterCount = (id: string, theme: Theme, opacity: number, scale: number) => ({
  id: `${id}-cluster-count`,
  type: 'symbol' as const,
  filter: ['has', 'point_count'] as ExpressionSpecification,
  layout: {
    'text-field': ['get', 'point_count'] as ExpressionSpecification,
    'text-size': 15 * scale,
    'text-font': ['Noto Sans CJK SC Bold'],
    'text-allow-overlap': true,
  },
  paint: { 'text-color': theme === 'dark' ? '#ffffff' : '#0f172a', 'text-opacity': opacity },
});

const UNCLUSTERED: ExpressionSpecification = ['!', ['has', 'point_count']];

let riskImages: Record<string, ImageData> | null = null;
let markImages: Record<string, ImageData> | null = null;

/** Risk points: icon by type, colour by level, white ring when rectification is overdue. */
export function riskPointsGroup(
  data: FeatureCollection,
  theme: Theme,
  opacity: number,
  scale = 1,
): LayerGroup {
  riskImages ??= riskIcons();
  return {
    id: 'risk-points',
    data,
    cluster: { radius: 40, maxZoom: 11 },
    images: riskImages,
    pickable: ['risk-points-icon', 'risk-points-cluster'],
    layers: [
      clusterCircle('risk-points', theme, opacity, scale, theme === 'dark' ? '#ffffff' : '#334155'),
      clusterCount('risk-points', theme, opacity, scale),
      {
        id: 'risk-points-overdue',
        type: 'circle',
        filter: ['all', UNCLUSTERED, ['==', ['get', 'overdue'], true]],
        paint: {
          'circle-radius': 17 * scale,
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': OVERDUE_RING,
          'circle-stroke-width': 3,
          'circle-stroke-opacity': opacity,
        },
      },
      {
        id: 'risk-points-icon',
        type: 'symbol',
        filter: UNCLUSTERED,
        layout: {
          'icon-image': ['concat', 'risk-', ['get', 'type'], '-', ['get', 'level']],
          'icon-size': ['interpolate', ['linear'], ['zoom'], 9, 0.7 * scale, 14, 1.1 * scale],
          'icon-allow-overlap': true,
        },
        paint: { 'icon-opacity': opacity },
      },
    ],
  };
}

/** Shelters: colour by status, size by night capacity; occupancy is in the details gauge. */
export function sheltersGroup(
  data: FeatureCollection,
  theme: Theme,
  opacity: number,
  scale = 1,
): LayerGroup {
  return {
    id: 'shelters',
    data,
    cluster: { radius: 40, maxZoom: 11 },
    pickable: ['shelters-circle', 'shelters-cluster'],
    layers: [
      clusterCircle('shelters', theme, opacity, scale, SHELTER_STATUS_COLOUR.standby),
      clusterCount('shelters', theme, opacity, scale),
      {
        id: 'shelters-circle',
        type: 'circle',
        filter: UNCLUSTERED,
        paint: {
          'circle-color': matchColour('status', SHELTER_STATUS_COLOUR, '#64748b'),
          'circle-radius': [
            'interpolate',
            ['linear'],
            ['get', 'capacityNight'],
            50,
            6 * scale,
            1000,
            10 * scale,
            4000,
            16 * scale,
          ],
          'circle-stroke-color': theme === 'dark' ? '#ffffff' : '#0f172a',
          'circle-stroke-width': 1.5,
          'circle-opacity': opacity,
          'circle-stroke-opacity': opacity,
        },
      },
    ],
  };
}

export function depotsGroup(data: FeatureCollection, opacity: number, scale = 1): LayerGroup {
  markImages ??= facilityIcons();
  return {
    id: 'depots',
    data,
    images: markImages,
    pickable: ['depots-icon'],
    layers: [
      {
        id: 'depots-icon',
        type: 'symbol',
        layout: {
          'icon-image': 'mark-depot',
          'icon-size': ['interpolate', ['linear'], ['zoom'], 9, 0.6 * scale, 14, 1 * scale],
          'icon-allow-overlap': true,
        },
        paint: { 'icon-opacity': opacity },
      },
    ],
  };
}

/** A camera's field of view as a wedge polygon (bearing ± fov/2, out to its range). */
export function cameraWedge(c: Camera, steps = 12): [number, number][] {
  const [lon, lat] = c.position;
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const ky = 110_570;
  const ring: [number, number][] = [[lon, lat]];
  for (let i = 0; i <= steps; i++) {
    const a = ((c.bearing - c.fov / 2 + (c.fov * i) / steps) * Math.PI) / 180;
    ring.push([lon + (c.rangeM * Math.sin(a)) / kx, lat + (c.rangeM * Math.cos(a)) / ky]);
  }
  ring.push([lon, lat]);
  return ring;
}

export function camerasGroup(
  data: FeatureCollection,
  wedges: FeatureCollection,
  opacity: number,
  scale = 1,
): LayerGroup[] {
  return [
    {
      id: 'camera-wedges',
      data: wedges,
      layers: [
        {
          id: 'camera-wedges-fill',
          type: 'fill',
          minzoom: 12,
          paint: { 'fill-color': CAMERA_COLOUR, 'fill-opacity': 0.18 * opacity },
        },
        {
          id: 'camera-wedges-line',
          type: 'line',
          minzoom: 12,
          paint: { 'line-color': CAMERA_COLOUR, 'line-width': 1, 'line-opacity': 0.6 * opacity },
        },
      ],
    },
    {
      id: 'cameras',
      data,
      cluster: { radius: 36, maxZoom: 12 },
      pickable: ['cameras-dot', 'cameras-cluster'],
      layers: [
        clusterCircle('cameras', 'dark', opacity * 0.8, scale, CAMERA_COLOUR),
        clusterCount('cameras', 'dark', opacity, scale),
        {
          id: 'cameras-dot',
          type: 'circle',
          filter: UNCLUSTERED,
          paint: {
            'circle-color': ['case', ['get', 'online'], CAMERA_COLOUR, '#475569'],
            'circle-radius': 4.5 * scale,
            'circle-stroke-color': '#0b1526',
            'circle-stroke-width': 1,
            'circle-opacity': opacity,
          },
        },
      ],
    },
  ];
}

/** CAP warning areas in the official colours. */
export function warningsGroup(data: FeatureCollection, opacity: number): LayerGroup {
  const colour = matchColour('level', WARNING_COLOUR, '#888888');
  return {
    id: 'warnings',
    data,
    pickable: ['warnings-fill'],
    beforeId: 'townships-line',
    layers: [
      {
        id: 'warnings-fill',
        type: 'fill',
        paint: { 'fill-color': colour, 'fill-opacity': 0.28 * opacity },
      },
      {
        id: 'warnings-line',
        type: 'line',
        paint: { 'line-color': colour, 'line-width': 3, 'line-opacity': opacity },
      },
    ],
  };
}

/** Townships coloured by a measure: `value` on each feature, classes from `breaks`. */
export function choroplethGroup(
  data: FeatureCollection,
  breaks: number[],
  theme: Theme,
  opacity: number,
): LayerGroup {
  const ramp = CHOROPLETH[theme];
  const steps: (string | number)[] = [ramp[0] ?? '#000'];
  breaks.forEach((b, i) => steps.push(b, ramp[Math.min(i + 1, ramp.length - 1)] ?? '#000'));
  return {
    id: 'choropleth',
    data,
    beforeId: 'townships-line',
    pickable: ['choropleth-fill'],
    layers: [
      {
        id: 'choropleth-fill',
        type: 'fill',
        paint: {
          'fill-color': ['step', ['get', 'value'], ...steps] as unknown as ExpressionSpecification,
          'fill-opacity': 0.75 * opacity,
        },
      },
    ],
  };
}

export function villagesGroup(data: FeatureCollection, theme: Theme, opacity: number): LayerGroup {
  return {
    id: 'village-areas',
    data,
    beforeId: 'townships-line',
    pickable: ['village-areas-fill'],
    layers: [
      {
        id: 'village-areas-fill',
        type: 'fill',
        minzoom: 10,
        paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
      },
      {
        id: 'village-areas-line',
        type: 'line',
        minzoom: 9.5,
        paint: {
          'line-color': theme === 'dark' ? '#3a6a94' : '#94a3b8',
          'line-width': 1,
          'line-opacity': opacity,
          'line-dasharray': [2, 1],
        },
      },
    ],
  };
}
