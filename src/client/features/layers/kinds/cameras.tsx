import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { CameraSite, type Camera } from '../../../../shared/protocol/index.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { defineLayer } from '../layer-spec.ts';
import { CAMERA_COLOUR } from '../palette.ts';
import { clusterCircle, clusterCount, UNCLUSTERED } from '../parts/cluster-style.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';
import { approximateMark } from '../parts/approximate-mark.ts';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    cameras: true;
  }
}

/** A camera's field of view as a wedge polygon (bearing ± fov/2, out to its range). */
function cameraWedge(c: Camera, steps = 12): [number, number][] {
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

function camerasGroups(
  data: FeatureCollection,
  wedges: FeatureCollection,
  opacity: number,
  scale: number,
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
        approximateMark('cameras', opacity, scale),
      ],
    },
  ];
}

function Details({ entity: c }: { entity: Camera }) {
  const { label, en } = useDetailWords();
  return (
    <dl>
      <Row label={label('site')}>{en('cameraSite', c.site)}</Row>
      <Row label={label('online')}>{en('online', c.online)}</Row>
      <Row label={label('bearing')}>{`${c.bearing}°`}</Row>
      <Row label={label('fov')}>{`${c.fov}°`}</Row>
      <Row label={label('range')}>{`${c.rangeM} m`}</Row>
      <Row label={label('stream')}>
        <code>{c.streamUrl}</code>
      </Row>
    </dl>
  );
}

export const cameras = defineLayer({
  id: 'cameras',
  name: { 'zh-CN': '视频监控', en: 'Cameras' },
  source: 'cameras',
  filters: [
    { field: 'site', enumKey: 'cameraSite', options: CameraSite.options },
    { field: 'online', enumKey: 'online', options: ['true', 'false'] },
  ],
  picks: { 'cameras-dot': 'entity', 'cameras-cluster': 'cluster' },
  Details,
  useBuild(input) {
    const { scale, choice } = input;
    const layer = useEntityLayer(input, 'cameras', { lazy: true });
    const wedges = useMemo<FeatureCollection>(
      () => ({
        type: 'FeatureCollection',
        features: layer.kept.map((c) => ({
          type: 'Feature',
          id: c.id,
          geometry: { type: 'Polygon', coordinates: [cameraWedge(c)] },
          properties: { id: c.id },
        })),
      }),
      [layer.kept],
    );
    const groups = useMemo(
      () => (choice.on ? camerasGroups(layer.fc, wedges, choice.opacity, scale) : []),
      [choice.on, choice.opacity, layer.fc, wedges, scale],
    );
    return { ...layer.row, groups };
  },
});
