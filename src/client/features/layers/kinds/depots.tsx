import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { DepotLevel, type Depot } from '../../../../shared/protocol/index.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { facilityIcons } from '../icons.ts';
import { defineLayer } from '../layer-spec.ts';
import { InventoryTable, Row, useDetailWords } from '../parts/detail-rows.tsx';
import { approximateMark } from '../parts/approximate-mark.ts';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    depots: true;
  }
}

let images: Record<string, ImageData> | null = null;

function depotsGroup(data: FeatureCollection, opacity: number, scale: number): LayerGroup {
  images ??= facilityIcons();
  return {
    id: 'depots',
    data,
    images,
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
      approximateMark('depots', opacity, scale),
    ],
  };
}

function Details({ entity: d }: { entity: Depot }) {
  const { label, en, contact } = useDetailWords();
  return (
    <dl>
      <Row label={label('level')}>{en('depotLevel', d.level)}</Row>
      <Row label={label('inventory')}>
        <InventoryTable inventory={d.inventory} />
      </Row>
      <Row label={label('keeper')}>{contact(d.keeper)}</Row>
    </dl>
  );
}

export const depots = defineLayer({
  id: 'depots',
  name: { 'zh-CN': '物资仓库', en: 'Equipment depots' },
  source: 'depots',
  filters: [{ field: 'level', enumKey: 'depotLevel', options: DepotLevel.options }],
  picks: { 'depots-icon': 'entity' },
  Details,
  useBuild(input) {
    const { scale, choice } = input;
    const layer = useEntityLayer(input, 'depots');
    const groups = useMemo(
      () => (choice.on ? [depotsGroup(layer.fc, choice.opacity, scale)] : []),
      [choice.on, choice.opacity, layer.fc, scale],
    );
    return { ...layer.row, groups };
  },
});
