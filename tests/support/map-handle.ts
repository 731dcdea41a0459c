/**
 * The part of the app's debug handle (`window.__onemap`, see src/client/map/map-view.tsx) that
 * browser tests read inside `page.evaluate`. Declared here because tests compile without DOM types.
 */
export interface MapHandle {
  map: {
    getSource(id: string): unknown;
    getLayer(id: string): unknown;
    loaded(): boolean;
    isMoving(): boolean;
    areTilesLoaded(): boolean;
    getZoom(): number;
    getCenter(): { lng: number; lat: number };
    getCanvas(): {
      getContext(kind: string): {
        getExtension(name: string): { loseContext(): void; restoreContext(): void } | null;
      } | null;
    };
    project(lngLat: [number, number]): { x: number; y: number };
    jumpTo(options: { center: [number, number]; zoom: number }): void;
    queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
  };
  overlay: {
    pickObjects(options: {
      x: number;
      y: number;
      width: number;
      height: number;
      layerIds: string[];
    }): unknown[];
  };
}
export type WithMap = typeof globalThis & { __onemap?: MapHandle };
