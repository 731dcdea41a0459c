import type { ExpressionSpecification } from 'maplibre-gl';
import type { Theme } from '../../../map/base-style.ts';

/** A MapLibre colour by a property's value. */
export function matchColour(
  field: string,
  colours: Readonly<Record<string, string>>,
  fallback: string,
): ExpressionSpecification {
  return [
    'match',
    ['get', field],
    ...Object.entries(colours).flat(),
    fallback,
  ] as unknown as ExpressionSpecification;
}

/** Clusters share a shape; the ring's colour tells whose they are. */
export const clusterCircle = (
  id: string,
  theme: Theme,
  opacity: number,
  scale: number,
  ring: string,
) => ({
  id: `${id}-cluster`,
  type: 'circle' as const,
  filter: ['has', 'point_count'] as ExpressionSpecification,
  paint: {
    'circle-color': theme === 'dark' ? '#52637d' : '#e2e8f0',
    'circle-stroke-color': ring,
    'circle-stroke-width': 3,
    'circle-radius': [
      'interpolate',
      ['linear'],
      ['get', 'point_count'],
      2,
      14 * scale,
      50,
      22 * scale,
      500,
      32 * scale,
    ] as ExpressionSpecification,
    'circle-opacity': opacity,
  },
});

export const clusterCount = (id: string, theme: Theme, opacity: number, scale: number) => ({
  id: `${id}-cluster-count`,
  type: 'symbol' as const,
  filter: ['has', 'point_count'] as ExpressionSpecification,
  layout: {
    'text-field': ['get', 'point_count'] as ExpressionSpecification,
    'text-size': 15 * scale,
    'text-font': ['Noto Sans CJK SC Bold'],
    'text-allow-overlap': true,
  },
  paint: { 'text-color': theme === 'dark' ? '#ffffff' : '#0f172a', 'text-opacity': opacity },
});

export const UNCLUSTERED: ExpressionSpecification = ['!', ['has', 'point_count']];
