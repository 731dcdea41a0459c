import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * A small “约” beside the icon of an entity a register placed at its village committee (it had a
 * village code and no coordinates), so nobody on the wall takes that point for the building.
 * The character is CJK, drawn by the local font like every Chinese label.
 */
export const approximateMark = (groupId: string, opacity: number, scale: number) => ({
  id: `${groupId}-approximate`,
  type: 'symbol' as const,
  filter: ['==', ['get', 'approximate'], true] as ExpressionSpecification,
  layout: {
    'text-field': '约',
    'text-size': 16 * scale,
    'text-font': ['Noto Sans CJK SC Bold'],
    'text-offset': [1.2, -1.1] as [number, number],
    'text-allow-overlap': true,
    'text-ignore-placement': true,
  },
  paint: {
    'text-color': '#b45309',
    'text-halo-color': '#ffffff',
    'text-halo-width': 2,
    'text-opacity': opacity,
  },
});
