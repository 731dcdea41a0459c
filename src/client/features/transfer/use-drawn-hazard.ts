import type { Polygon } from 'geojson';
import { useCallback, useRef, useState } from 'react';
import { AreaGeometry } from '../../../shared/protocol/index.ts';
import type { Depth, Hazard, HazardZone } from '../../../shared/transfer/hazard-area.ts';

export interface DrawnHazard {
  drawing: boolean;
  setDrawing: (on: boolean) => void;
  /** The depth the next polygon is drawn as. */
  depth: Depth;
  setDepth: (d: Depth) => void;
  zones: readonly HazardZone[];
  clear: () => void;
  /** For the map while drawing: a closed polygon becomes a zone of the drawn hazard. */
  onPolygon: ((p: Polygon) => void) | null;
}

/**
 * The planner's own hazard: polygons drawn on the map, each as deep or shallow water. Every new
 * polygon makes a new hazard (a new id), so a plan made before it is not shown as current.
 */
export function useDrawnHazard(setHazard: (h: Hazard | null) => void): DrawnHazard {
  const [drawing, setDrawing] = useState(false);
  const [depth, setDepth] = useState<Depth>('deep');
  const [zones, setZones] = useState<readonly HazardZone[]>([]);
  const version = useRef(0);
  const add = useCallback(
    (p: Polygon) => {
      // The drawing library's GeoJSON goes through the same schema as any other area.
      const geometry = AreaGeometry.safeParse(p);
      if (!geometry.success) return;
      const next = [...zones, { geometry: geometry.data, depth }];
      version.current += 1;
      setZones(next);
      setHazard({
        id: `drawn-${version.current}`,
        name: '',
        source: 'drawn',
        level: null,
        zones: next,
      });
    },
    [zones, depth, setHazard],
  );
  const clear = useCallback(() => {
    setZones([]);
    setHazard(null);
  }, [setHazard]);
  return {
    drawing,
    setDrawing,
    depth,
    setDepth,
    zones,
    clear,
    onPolygon: drawing ? add : null,
  };
}
