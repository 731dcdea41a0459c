import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Polygon } from 'geojson';
import { useEffect, useRef } from 'react';

/**
 * Polygon drawing on the map with terra-draw (loaded only when someone draws): while `onPolygon`
 * is set, clicks add vertices and clicking the first or last vertex closes the ring; each
 * finished polygon is handed over and removed from terra-draw's own store (the caller draws it
 * from then on, with its meaning).
 */
export function usePolygonDraw(
  map: MapLibreMap | null,
  onPolygon: ((polygon: Polygon) => void) | null,
): void {
  const latest = useRef(onPolygon);
  useEffect(() => {
    latest.current = onPolygon;
  });
  const active = onPolygon !== null;
  useEffect(() => {
    if (!map || !active) return;
    let stopped = false;
    let stop = () => {
      stopped = true;
    };
    void Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]).then(
      ([{ TerraDraw, TerraDrawPolygonMode }, { TerraDrawMapLibreGLAdapter }]) => {
        if (stopped) return;
        const draw = new TerraDraw({
          adapter: new TerraDrawMapLibreGLAdapter({ map }),
          modes: [
            new TerraDrawPolygonMode({
              styles: {
                fillColor: '#38bdf8',
                fillOpacity: 0.25,
                outlineColor: '#e0f2fe',
                outlineWidth: 3,
                closingPointColor: '#facc15',
                closingPointWidth: 8,
              },
            }),
          ],
        });
        draw.start();
        draw.setMode('polygon');
        draw.on('finish', (id) => {
          const f = draw.getSnapshotFeature(id);
          if (f?.geometry.type === 'Polygon') latest.current?.(f.geometry);
          draw.removeFeatures([id]);
        });
        map.getCanvas().style.cursor = 'crosshair';
        stop = () => {
          draw.stop();
          map.getCanvas().style.cursor = '';
        };
      },
    );
    return () => stop();
  }, [map, active]);
}
