import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { StationKind, type Station } from '../../../../shared/protocol/index.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { defineLayer } from '../layer-spec.ts';
import { STATION_KIND_COLOUR } from '../palette.ts';
import { clusterCircle, clusterCount, UNCLUSTERED } from '../parts/cluster-style.ts';
import { approximateMark } from '../parts/approximate-mark.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    stations: true;
  }
}

const KIND_COLOUR = [
  'match',
  ['get', 'kind'],
  ...Object.entries(STATION_KIND_COLOUR).flat(),
  '#94a3b8',
] as unknown as string;

function stationsGroup(data: FeatureCollection, opacity: number, scale: number): LayerGroup {
  return {
    id: 'stations',
    data,
    cluster: { radius: 30, maxZoom: 11 },
    pickable: ['stations-dot', 'stations-cluster'],
    layers: [
      clusterCircle('stations', 'dark', opacity * 0.8, scale, STATION_KIND_COLOUR.rain),
      clusterCount('stations', 'dark', opacity, scale),
      {
        id: 'stations-dot',
        type: 'circle',
        filter: UNCLUSTERED,
        paint: {
          'circle-color': KIND_COLOUR,
          // Reservoirs and river stations read larger: fewer, and what a duty officer looks for.
          'circle-radius': [
            'match',
            ['get', 'kind'],
            ['river', 'reservoir'],
            6.5 * scale,
            4.5 * scale,
          ] as unknown as number,
          'circle-stroke-color': '#f8fafc',
          'circle-stroke-width': 1.5,
          'circle-opacity': opacity,
          'circle-stroke-opacity': opacity,
        },
      },
      approximateMark('stations', opacity, scale),
    ],
  };
}

const metres = (m: number | undefined) => (m === undefined ? null : `${m.toFixed(2)} m`);

function Details({ entity: s }: { entity: Station }) {
  const { label, en } = useDetailWords();
  const levels: [string, number | undefined][] = [
    ['warningLevel', s.levels?.warning],
    ['guaranteeLevel', s.levels?.guarantee],
    ['floodLimitLevel', s.levels?.floodLimit],
    ['normalLevel', s.levels?.normal],
    ['designLevel', s.levels?.design],
  ];
  return (
    <dl>
      <Row label={label('kind')}>{en('stationKind', s.kind)}</Row>
      <Row label={label('code')}>{s.code}</Row>
      {s.water && <Row label={label('water')}>{s.water}</Row>}
      {levels.map(([field, value]) =>
        value === undefined ? null : (
          <Row key={field} label={label(field)}>
            {metres(value)}
          </Row>
        ),
      )}
      {s.depthAlarmM !== undefined && (
        <Row label={label('depthAlarm')}>{metres(s.depthAlarmM)}</Row>
      )}
      {s.watches && <Row label={label('watches')}>{s.watches.length}</Row>}
    </dl>
  );
}

export const stations = defineLayer({
  id: 'stations',
  name: { 'zh-CN': '水雨情测站', en: 'Rain and water stations' },
  source: 'stations',
  filters: [{ field: 'kind', enumKey: 'stationKind', options: StationKind.options }],
  picks: { 'stations-dot': 'entity', 'stations-cluster': 'cluster' },
  Details,
  useBuild(input) {
    const { scale, choice } = input;
    const layer = useEntityLayer(input, 'stations');
    const groups = useMemo(
      () => (choice.on ? [stationsGroup(layer.fc, choice.opacity, scale)] : []),
      [choice.on, choice.opacity, layer.fc, scale],
    );
    return { ...layer.row, groups };
  },
});
