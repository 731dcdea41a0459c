import type { Layer } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import type { TeamSuggestion } from '../../../shared/protocol/index.ts';

/** The suggested teams' routes for a preview: the best one bright and wide, the others thin. */
export function routesLayer(suggestions: readonly TeamSuggestion[], scale: number): Layer {
  return new PathLayer<TeamSuggestion>({
    id: 'dispatch-routes',
    data: [...suggestions].reverse(), // the best drawn last, on top
    getPath: (s) => s.route.coordinates,
    getColor: (s) => (s === suggestions[0] ? [250, 204, 21, 240] : [148, 163, 184, 170]),
    getWidth: (s) => (s === suggestions[0] ? 6 : 3),
    widthUnits: 'pixels',
    widthScale: scale,
    capRounded: true,
    jointRounded: true,
  });
}
