import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { isHazardOverdue, type HiddenHazard } from '../../../shared/protocol/index.ts';
import { rgba } from './palette.ts';

/** Status colours of hidden hazards; overdue ones turn red whatever their step. */
export const HAZARD_STATUS_COLOUR: Record<HiddenHazard['status'], string> = {
  reported: '#facc15',
  verified: '#fb923c',
  rectification_assigned: '#38bdf8',
  rectified: '#4ade80',
  closed: '#94a3b8',
};
export const OVERDUE_COLOUR = '#ef4444';

/**
 * Open hidden hazards as small diamonds-ish dots; overdue ones larger, red, with a white ring, so
 * they stand out among thousands. Major hazards are larger still.
 */
export function hazardsLayer(
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
      rgba(isHazardOverdue(h, today) ? OVERDUE_COLOUR : HAZARD_STATUS_COLOUR[h.status], 230),
    getLineColor: (h) => (isHazardOverdue(h, today) ? [255, 255, 255, 255] : [15, 23, 42, 160]),
    getLineWidth: (h) => (isHazardOverdue(h, today) ? 2 : 1),
    lineWidthUnits: 'pixels',
    updateTriggers: { getRadius: today, getFillColor: today, getLineColor: today },
  });
}
