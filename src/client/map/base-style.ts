import type { StyleSpecification } from 'maplibre-gl';

export type Theme = 'dark' | 'light';

/** Colours of the two base themes: dark for the wall and console, light for print. */
export const THEME_COLOURS: Record<Theme, { background: string; water: string }> = {
  dark: { background: '#07101f', water: '#123a5a' },
  light: { background: '#f4f1ea', water: '#a9d3ee' },
};

/**
 * The offline base style: a plain background that the scenario's own geometry is drawn on.
 * No tiles, no glyph server, no sprite: nothing leaves the machine.
 */
export function offlineBaseStyle(theme: Theme): StyleSpecification {
  return {
    version: 8,
    name: `onemap-offline-${theme}`,
    sources: {},
    layers: [
      {
        id: 'background',
        type: 'background',
        paint: { 'background-color': THEME_COLOURS[theme].background },
      },
    ],
  };
}
