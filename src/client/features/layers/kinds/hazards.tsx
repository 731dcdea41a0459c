import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import { readableCst } from '../../../../shared/time.ts';
import {
  HiddenHazardLevel,
  isHazardOverdue,
  OPEN_HAZARD,
  type HiddenHazard,
} from '../../../../shared/protocol/index.ts';
import { defineLayer } from '../layer-spec.ts';
import { rgba } from '../palette.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';
import { useEntityLayer } from '../parts/entity-layer.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    hazards: true;
  }
}

/** Status colours of hidden hazards; overdue ones turn red whatever their step. */
const STATUS_COLOUR: Record<HiddenHazard['status'], string> = {
  reported: '#facc15',
  verified: '#fb923c',
  rectification_assigned: '#38bdf8',
  rectified: '#4ade80',
  closed: '#94a3b8',
};
const OVERDUE_COLOUR = '#ef4444';

/**
 * Open hidden hazards as small dots; overdue ones larger, red, with a white ring, so they stand
 * out among thousands. Major hazards are larger still.
 */
function hazardsLayer(
  scale: number,
  hazards: readonly HiddenHazard[],
  today: string,
  opacity: number,
): Layer {
  return new ScatterplotLayer<HiddenHazard>({
    id: 'hazards',
    data: hazards,
    pickable: true,
    opacity,
    radiusUnits: 'pixels',
    radiusScale: scale,
    stroked: true,
    getPosition: (h) => h.position,
    getRadius: (h) => (isHazardOverdue(h, today) ? 6 : 4) + (h.level === 'major' ? 3 : 0),
    getFillColor: (h) =>
      rgba(isHazardOverdue(h, today) ? OVERDUE_COLOUR : STATUS_COLOUR[h.status], 230),
    getLineColor: (h) => (isHazardOverdue(h, today) ? [255, 255, 255, 255] : [15, 23, 42, 160]),
    getLineWidth: (h) => (isHazardOverdue(h, today) ? 2 : 1),
    lineWidthUnits: 'pixels',
    updateTriggers: { getRadius: today, getFillColor: today, getLineColor: today },
  });
}

function Details({ entity: h, today }: { entity: HiddenHazard; today: string }) {
  const { label, en } = useDetailWords();
  return (
    <dl>
      <Row label={label('category')}>{en('reportCategory', h.category)}</Row>
      <Row label={label('level')}>{en('hiddenLevel', h.level)}</Row>
      <Row label={label('status')}>
        {en('hazardStatus', h.status)}
        {isHazardOverdue(h, today) && (
          <strong className="late"> · {en('hazardStatus', 'overdue')}</strong>
        )}
      </Row>
      <Row label={label('reportedAt')}>{readableCst(h.reportedAt)}</Row>
      <Row label={label('deadline')}>{h.deadline}</Row>
      {h.rectifiedAt && <Row label={label('rectifiedAt')}>{readableCst(h.rectifiedAt)}</Row>}
      {h.reportedBy && <Row label={label('reportedBy')}>{h.reportedBy}</Row>}
      {h.note && <Row label={label('description')}>{h.note}</Row>}
    </dl>
  );
}

export const hazards = defineLayer({
  id: 'hazards',
  name: { 'zh-CN': '在办隐患', en: 'Open hidden hazards' },
  source: 'open-hazards',
  filters: [
    { field: 'status', enumKey: 'hazardStatus', options: [...OPEN_HAZARD, 'rectified'] },
    { field: 'level', enumKey: 'hiddenLevel', options: HiddenHazardLevel.options },
  ],
  // Open steps in their colours, and red for overdue whatever the step.
  legend: {
    enumKey: 'hazardStatus',
    colours: {
      reported: STATUS_COLOUR.reported,
      verified: STATUS_COLOUR.verified,
      rectification_assigned: STATUS_COLOUR.rectification_assigned,
      rectified: STATUS_COLOUR.rectified,
      overdue: OVERDUE_COLOUR,
    },
  },
  picks: { hazards: 'entity' },
  Details,
  useBuild(input) {
    const { choice, scale, today } = input;
    const layer = useEntityLayer(input, 'open-hazards', { lazy: true });
    const deck = useMemo(
      () => (choice.on ? [hazardsLayer(scale, layer.kept, today, choice.opacity)] : []),
      [choice.on, choice.opacity, layer.kept, scale, today],
    );
    return { ...layer.row, deck };
  },
});
