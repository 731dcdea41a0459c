import type { LineString, Point, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';

/** What a person can draw on the map. */
export type ShapeMode = 'polygon' | 'linestring' | 'circle' | 'point' | 'freehand';

/** A finished shape, in the map's display coordinates (MapView turns them back into data). */
export interface DrawnShape {
  geometry: Polygon | LineString | Point;
  /** Circles: the radius the person dragged out. */
  radiusM?: number;
}

export interface Drawing {
  mode: ShapeMode;
  /** The pen's colour while drawing. */
  colour?: `#${string}`;
  /** Each finished shape; terra-draw forgets it (the caller draws it from then on). */
  onShape: (shape: DrawnShape) => void;
}

/** A drawing that hands over only polygons (planning a hazard area). */
export function polygonDrawing(onPolygon: (p: Polygon) => void): Drawing {
  return {
    mode: 'polygon',
    colour: '#38bdf8',
    onShape: (s) => {
      if (s.geometry.type === 'Polygon') onPolygon(s.geometry);
    },
  };
}

/**
 * Drawing on the map with terra-draw (loaded only when someone draws). Polygons: clicks add
 * corners, clicking the first or last corner closes. Lines: clicks add points, clicking the last
 * one again finishes. Circles: click the centre, move out, click. Points: a click. Freehand:
 * press and drag (or click, move, click).
 */
export function useShapeDraw(map: MapLibreMap | null, drawing: Drawing | null): void {
  const latest = useRef(drawing);
  useEffect(() => {
    latest.current = drawing;
  });
  const mode = drawing?.mode ?? null;
  const colour = drawing?.colour ?? '#38bdf8';
  useEffect(() => {
    if (!map || !mode) return;
    let stopped = false;
    let stop = () => {
      stopped = true;
    };
    void Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]).then(
      ([td, { TerraDrawMapLibreGLAdapter }]) => {
        if (stopped) return;
        const line = { lineStringColor: colour, lineStringWidth: 4 } as const;
        const area = {
          fillColor: colour,
          fillOpacity: 0.25,
          outlineColor: colour,
          outlineWidth: 3,
        } as const;
        const modes = {
          polygon: () =>
            new td.TerraDrawPolygonMode({
              styles: { ...area, closingPointColor: '#facc15', closingPointWidth: 8 },
            }),
          linestring: () => new td.TerraDrawLineStringMode({ styles: line }),
          circle: () =>
            new td.TerraDrawCircleMode({
              styles: area,
              drawInteraction: 'click-move-or-drag',
            }),
          point: () => new td.TerraDrawPointMode({ styles: { pointColor: colour, pointWidth: 8 } }),
          freehand: () =>
            new td.TerraDrawFreehandLineStringMode({
              styles: line,
              drawInteraction: 'click-move-or-drag',
            }),
        } satisfies Record<ShapeMode, () => unknown>;
        const tool = modes[mode]();
        const draw = new td.TerraDraw({
          adapter: new TerraDrawMapLibreGLAdapter({ map }),
          modes: [tool],
        });
        draw.start();
        draw.setMode(tool.mode);
        draw.on('finish', (id) => {
          const f = draw.getSnapshotFeature(id);
          const g = f?.geometry;
          // terra-draw's features are polygons, lines and points.
          if (g) {
            const km = f.properties.radiusKilometers;
            latest.current?.onShape({
              geometry: g,
              ...(typeof km === 'number' ? { radiusM: km * 1000 } : {}),
            });
          }
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
  }, [map, mode, colour]);
}
