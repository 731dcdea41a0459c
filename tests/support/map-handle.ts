/**
 * The part of the app's debug handle (`window.__onemap`, see src/client/map/map-view.tsx) that
 * browser tests read inside `page.evaluate`. Declared here because tests compile without DOM types.
 */
export interface MapHandle {
  map: {
    getSource(id: string): unknown;
    loaded(): boolean;
    isMoving(): boolean;
    queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
  };
}
export type WithMap = typeof globalThis & { __onemap?: MapHandle };
