import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { HEAT_RAMP } from './palette.ts';

/**
 * Historical reports as a GPU heatmap. Rows are sorted by time, so a time window is a slice of
 * the position buffer: filtering costs nothing per point. Loaded on demand (deck's aggregation
 * layers are a large module the first screen does not need).
 */
export function reportsHeatmap(
  positions: Float32Array,
  from: number,
  to: number,
  opacity: number,
): Layer {
  return new HeatmapLayer({
    id: 'hazard-reports',
    data: {
      length: Math.max(0, to - from),
      attributes: { getPosition: { value: positions.subarray(from * 2, to * 2), size: 2 } },
    },
    opacity: opacity * 0.85,
    radiusPixels: 28,
    intensity: 1,
    threshold: 0.03,
    colorRange: HEAT_RAMP,
    updateTriggers: { getPosition: [from, to] },
  });
}
