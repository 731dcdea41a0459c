import * as turf from '@turf/turf';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AreaIndex } from '../features/navigation/use-areas.ts';
import type { CameraTarget } from '../map/map-view.tsx';
import { useView } from '../state/view-context.tsx';

/**
 * Where the console asks the map to go: a target with a fresh key per request (the same place
 * twice is two moves), and drilling down to an area.
 */
export function useCameraTarget(areas: AreaIndex | null) {
  const { dispatch } = useView();
  const [target, setTarget] = useState<CameraTarget | null>(null);
  const targetKey = useRef(0);
  const moveTo = useCallback(
    (t: Omit<CameraTarget, 'key'>) => setTarget({ ...t, key: ++targetKey.current }),
    [],
  );

  /** Drills down to an admin area (null: the whole scenario) and fits it. */
  const focusArea = useCallback(
    (code: string | null) => {
      dispatch({ type: 'area', area: code });
      const area = code ? areas?.byCode.get(code) : areas?.root;
      if (area) {
        const [w, s, e, n] = turf.bbox(area.geometry);
        moveTo({ bounds: [w, s, e, n] });
      }
    },
    [areas, dispatch, moveTo],
  );
  return { target, moveTo, focusArea };
}

/**
 * A scenario opens on the camera from the link (or the briefing scene it names), else on the
 * whole scenario; switching scenarios (a new `bbox`) fits the new one.
 */
export function useFitScenario(
  bbox: [number, number, number, number] | undefined,
  moveTo: (t: Omit<CameraTarget, 'key'>) => void,
  placedByLink: boolean,
) {
  const placed = useRef(placedByLink);
  useEffect(() => {
    if (!bbox) return;
    if (!placed.current) moveTo({ bounds: bbox });
    placed.current = false;
  }, [bbox, moveTo]);
}
