import type { Feature, FeatureCollection } from 'geojson';
import { useCallback, useMemo } from 'react';
import { stationState, type StationState } from '../../../../shared/hydro/station-state.ts';
import {
  StationKind,
  type Station,
  type StationReading,
} from '../../../../shared/protocol/index.ts';
import { useStationReadings } from '../../../data/station-readings.ts';
import { useClock } from '../../../state/use-today.ts';
import { useView } from '../../../state/view-context.tsx';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { defineLayer } from '../layer-spec.ts';
import { RAIN_GRADE_COLOUR, STATION_STATE_COLOUR, STATION_KIND_COLOUR } from '../palette.ts';
import { clusterCircle, clusterCount, UNCLUSTERED } from '../parts/cluster-style.ts';
import { approximateMark } from '../parts/approximate-mark.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    stations: true;
  }
}

/** A station's mark: its state's colour; by kind until it has reported. */
function stateColour(s: Station, state: StationState): string {
  switch (state.kind) {
    case 'none':
      return STATION_KIND_COLOUR[s.kind];
    case 'stale':
      return STATION_STATE_COLOUR.stale;
    case 'dry':
      return STATION_STATE_COLOUR.normal;
    case 'rain':
      return RAIN_GRADE_COLOUR[state.grade];
    case 'depth':
      return state.over ? STATION_STATE_COLOUR.guarantee : STATION_STATE_COLOUR.normal;
    case 'level':
      return STATION_STATE_COLOUR[state.over];
  }
}

/** The latest value as the map labels it: rain over the last hour, a level, a depth. */
function valueLabel(s: Station, r: StationReading | undefined): string {
  if (!r) return '';
  if (s.kind === 'rain') return r.rain1h === undefined ? '' : r.rain1h.toFixed(1);
  return r.value === undefined ? '' : r.value.toFixed(2);
}

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
          'circle-color': ['get', 'colour'] as unknown as string,
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
      {
        id: 'stations-value',
        type: 'symbol',
        filter: ['all', UNCLUSTERED, ['!=', ['get', 'value'], '']] as never,
        minzoom: 11,
        layout: {
          'text-field': ['get', 'value'] as unknown as string,
          'text-size': 12 * scale,
          'text-offset': [0, 1.1],
          'text-anchor': 'top',
          'text-font': ['Noto Sans CJK SC Bold'],
        },
        paint: {
          'text-color': '#f8fafc',
          'text-halo-color': '#0f172a',
          'text-halo-width': 1.5,
          'text-opacity': opacity,
        },
      },
    ],
  };
}

const metres = (m: number | undefined) => (m === undefined ? null : `${m.toFixed(2)} m`);

function Details({ entity: s }: { entity: Station }) {
  const { t, label, en } = useDetailWords();
  const { view } = useView();
  const readings = useStationReadings(view.scenario).data;
  const reading = readings?.byStation.get(s.id);
  const now = useClock(true, 30_000) + (readings?.skewMs ?? 0);
  const state = stationState(s, reading, now);
  const levels: [string, number | undefined][] = [
    ['warningLevel', s.levels?.warning],
    ['guaranteeLevel', s.levels?.guarantee],
    ['floodLimitLevel', s.levels?.floodLimit],
    ['normalLevel', s.levels?.normal],
    ['designLevel', s.levels?.design],
  ];
  return (
    <dl>
      <Row label={label('stationState')}>
        <span className="station-state" data-state={state.kind} data-testid="station-state">
          {t(
            `hydro.state.${state.kind === 'level' ? state.over : state.kind === 'rain' ? state.grade : state.kind === 'depth' ? (state.over ? 'waterlogged' : 'normal') : state.kind}`,
          )}
        </span>
      </Row>
      {reading && (
        <Row label={label('lastReport')}>
          {new Date(reading.lastAt).toLocaleString(undefined, { hour12: false })}
        </Row>
      )}
      {reading?.rain1h !== undefined && (
        <Row label={label('rain1h24h')}>
          {reading.rain1h.toFixed(1)} / {(reading.rain24h ?? 0).toFixed(1)} mm
        </Row>
      )}
      {reading?.value !== undefined && (
        <Row label={label('latestLevel')}>{metres(reading.value)}</Row>
      )}
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
    const readings = useStationReadings(input.view.scenario, choice.on).data;
    const now = useClock(choice.on, 60_000) + (readings?.skewMs ?? 0);
    const decorate = useCallback(
      (s: Station, f: Feature) => {
        const r = readings?.byStation.get(s.id);
        const state = stationState(s, r, now);
        f.properties = {
          ...f.properties,
          colour: stateColour(s, state),
          value: state.kind === 'stale' || state.kind === 'none' ? '' : valueLabel(s, r),
        };
      },
      [readings, now],
    );
    const layer = useEntityLayer(input, 'stations', { decorate });
    const groups = useMemo(
      () => (choice.on ? [stationsGroup(layer.fc, choice.opacity, scale)] : []),
      [choice.on, choice.opacity, layer.fc, scale],
    );
    return { ...layer.row, groups };
  },
});
