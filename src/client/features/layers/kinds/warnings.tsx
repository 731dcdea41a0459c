import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { readableCst } from '../../../../shared/time.ts';
import { WarningColour, type Warning } from '../../../../shared/protocol/index.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { defineLayer } from '../layer-spec.ts';
import { WARNING_COLOUR } from '../palette.ts';
import { matchColour } from '../parts/cluster-style.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    warnings: true;
  }
}

/** CAP warning areas in the official colours. */
function warningsGroup(data: FeatureCollection, opacity: number): LayerGroup {
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

function Details({ entity: w }: { entity: Warning }) {
  const { t, label, en } = useDetailWords();
  return (
    <dl>
      <Row label={label('level')}>{en('warningColour', w.level)}</Row>
      {w.status === 'Exercise' && <Row label={label('status')}>{t('fields.exerciseTag')}</Row>}
      <Row label={label('time')}>{`${readableCst(w.onset)} — ${readableCst(w.expires)}`}</Row>
      <Row label={label('description')}>{w.description}</Row>
    </dl>
  );
}

export const warnings = defineLayer({
  id: 'warnings',
  name: { 'zh-CN': '预警区域', en: 'Warning areas' },
  defaultOn: true,
  source: 'warnings',
  filters: [{ field: 'level', enumKey: 'warningColour', options: WarningColour.options }],
  legend: { enumKey: 'warningColour', colours: WARNING_COLOUR },
  picks: { 'warnings-fill': 'entity' },
  Details,
  useBuild(input) {
    const { choice } = input;
    const layer = useEntityLayer(input, 'warnings', { lazy: true });
    const groups = useMemo(
      () => (choice.on ? [warningsGroup(layer.fc, choice.opacity)] : []),
      [choice.on, choice.opacity, layer.fc],
    );
    return { ...layer.row, groups };
  },
});
