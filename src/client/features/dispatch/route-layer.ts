import type { Layer } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import type { TeamSuggestion } from '../../../shared/protocol/index.ts';

/**
 * The suggested teams' routes for a preview: the teams picked for dispatch (or, before any pick,
 * the best one) bright and wide, the others thin.
 */
export function routesLayer(
  suggestions: readonly TeamSuggestion[],
  picked: ReadonlySet<string>,
  scale: number,
): Layer {
  const bright = (s: TeamSuggestion) =>
    picked.size > 0 ? picked.has(s.teamId) : s === suggestions[0];
  return new PathLayer<TeamSuggestion>({
    id: 'dispatch-routes',
    // Bright ones drawn last, on top.
    data: [...suggestions].sort((a, b) => Number(bright(a)) - Number(bright(b))),
    getPath: (s) => s.route.coordinates,
    getColor: (s) => (bright(s) ? [250, 204, 21, 240] : [148, 163, 184, 170]),
    getWidth: (s) => (bright(s) ? 6 : 3),
    widthUnits: 'pixels',
    widthScale: scale,
    capRounded: true,
    jointRounded: true,
    updateTriggers: { getColor: [...picked], getWidth: [...picked] },
  });
}
