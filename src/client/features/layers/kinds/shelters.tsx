import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { ShelterStatus, ShelterType, type Shelter } from '../../../../shared/protocol/index.ts';
import type { Theme } from '../../../map/base-style.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { defineLayer } from '../layer-spec.ts';
import { SHELTER_STATUS_COLOUR } from '../palette.ts';
import { clusterCircle, clusterCount, matchColour, UNCLUSTERED } from '../parts/cluster-style.ts';
import { Gauge, Row, useDetailWords } from '../parts/detail-rows.tsx';
import { approximateMark } from '../parts/approximate-mark.ts';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    shelters: true;
  }
}

/** Shelters: colour by status, size by night capacity; occupancy is in the details gauge. */
function sheltersGroup(
  data: FeatureCollection,
  theme: Theme,
  opacity: number,
  scale: number,
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
      approximateMark('shelters', opacity, scale),
    ],
  };
}

const FACILITIES = ['medical', 'water', 'power', 'toilets', 'kitchen', 'accessible'] as const;

function Details({ entity: s }: { entity: Shelter }) {
  const { t, label, en, contact } = useDetailWords();
  const f = s.facilities;
  return (
    <dl>
      <Row label={label('type')}>{en('shelterType', s.type)}</Row>
      <Row label={label('status')}>{en('shelterStatus', s.status)}</Row>
      <Row label={label('occupancy')}>
        <Gauge value={s.occupancy} max={s.capacityNight} />
      </Row>
      <Row label={label('capacityDay')}>{s.capacityDay}</Row>
      <Row label={label('capacityNight')}>{s.capacityNight}</Row>
      <Row label={label('safeFor')}>{s.safeFor.map((h) => t(`hazard.${h}`)).join('、')}</Row>
      <Row label={label('facilities')}>
        {FACILITIES.filter((k) => f[k])
          .map((k) => t(`facilities.${k}`))
          .concat(f.beds > 0 ? [t('facilities.beds', { count: f.beds })] : [])
          .join('、')}
      </Row>
      <Row label={label('manager')}>{contact(s.manager)}</Row>
    </dl>
  );
}

export const shelters = defineLayer({
  id: 'shelters',
  name: { 'zh-CN': '避难场所', en: 'Shelters' },
  defaultOn: true,
  source: 'shelters',
  filters: [
    { field: 'type', enumKey: 'shelterType', options: ShelterType.options },
    { field: 'status', enumKey: 'shelterStatus', options: ShelterStatus.options },
  ],
  legend: {
    enumKey: 'shelterStatus',
    colours: SHELTER_STATUS_COLOUR,
    clusters: { ring: SHELTER_STATUS_COLOUR.standby },
  },
  picks: { 'shelters-circle': 'entity', 'shelters-cluster': 'cluster' },
  Details,
  useBuild(input) {
    const { theme, scale, choice } = input;
    const layer = useEntityLayer(input, 'shelters');
    const groups = useMemo(
      () => (choice.on ? [sheltersGroup(layer.fc, theme, choice.opacity, scale)] : []),
      [choice.on, choice.opacity, layer.fc, theme, scale],
    );
    return { ...layer.row, groups };
  },
});
