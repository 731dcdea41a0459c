import type { Map as MapLibreMap } from 'maplibre-gl';

let current: MapLibreMap | null = null;

/** The console's one map, for what works on the picture as drawn (exports read its canvas, scale and bearing). */
export const currentMap = (): MapLibreMap | null => current;

export function setCurrentMap(map: MapLibreMap | null): void {
  current = map;
}
