import type { Feature, FeatureCollection } from 'geojson';
import { useCallback, useMemo } from 'react';
import { isOverdue } from '../../../../shared/analysis/area-stats.ts';
import {
  HazardStatus,
  RiskPointType,
  SeverityLevel,
  type EntityOf,
  type RiskPoint,
} from '../../../../shared/protocol/index.ts';
import type { Theme } from '../../../map/base-style.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { riskIcons } from '../icons.ts';
import { defineLayer } from '../layer-spec.ts';
import { LEVEL_COLOUR, OVERDUE_RING } from '../palette.ts';
import { clusterCircle, clusterCount, UNCLUSTERED } from '../parts/cluster-style.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';
import { approximateMark } from '../parts/approximate-mark.ts';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    'risk-points': true;
  }
}

let images: Record<string, ImageData> | null = null;

/** Risk points: icon by type, colour by level, white ring when rectification is overdue. */
function riskPointsGroup(
  data: FeatureCollection,
  theme: Theme,
  opacity: number,
  scale = 1,
): LayerGroup {
  images ??= riskIcons();
  return {
    id: 'risk-points',
    data,
    cluster: { radius: 40, maxZoom: 11 },
    images,
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
      approximateMark('risk-points', opacity, scale),
    ],
  };
}

function Details({ entity: r }: { entity: RiskPoint }) {
  const { label, en, contact } = useDetailWords();
  return (
    <dl>
      <Row label={label('type')}>{en('riskType', r.type)}</Row>
      <Row label={label('level')}>{en('level', r.level)}</Row>
      <Row label={label('status')}>{en('hazardStatus', r.status)}</Row>
      <Row label={label('deadline')}>{r.rectificationDeadline ?? '—'}</Row>
      <Row label={label('responsible')}>{contact(r.responsible)}</Row>
      <Row label={label('description')}>{r.description}</Row>
    </dl>
  );
}

export const riskPoints = defineLayer({
  id: 'risk-points',
  name: { 'zh-CN': '防汛风险点', en: 'Flood risk points' },
  defaultOn: true,
  source: 'risk-points',
  filters: [
    { field: 'type', enumKey: 'riskType', options: RiskPointType.options },
    { field: 'level', enumKey: 'level', options: SeverityLevel.options },
    { field: 'status', enumKey: 'hazardStatus', options: HazardStatus.options },
  ],
  legend: { enumKey: 'level', colours: LEVEL_COLOUR, overdue: true, clusters: {} },
  picks: { 'risk-points-icon': 'entity', 'risk-points-cluster': 'cluster' },
  Details,
  useBuild(input) {
    const { today, theme, scale, choice } = input;
    const markOverdue = useCallback(
      (e: EntityOf<'risk-points'>, f: Feature) => {
        if (f.properties) f.properties.overdue = isOverdue(e, today);
      },
      [today],
    );
    const layer = useEntityLayer(input, 'risk-points', { decorate: markOverdue });
    const groups = useMemo(
      () => (choice.on ? [riskPointsGroup(layer.fc, theme, choice.opacity, scale)] : []),
      [choice.on, choice.opacity, layer.fc, theme, scale],
    );
    return { ...layer.row, groups };
  },
});
