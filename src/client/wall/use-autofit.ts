import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Incident } from '../../shared/protocol/index.ts';
import type { CameraTarget } from '../map/map-view.tsx';
import type { Scene } from './scenes.ts';

const OPEN = new Set(['reported', 'confirmed', 'dispatched', 'en_route', 'on_scene']);

/** The box round some positions, padded so a single incident is not a point. */
function boxOf(points: readonly [number, number][]): [number, number, number, number] {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const [x, y] of points) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  const pad = 0.01;
  return [w - pad, s - pad, e + pad, n + pad];
}

/**
 * The wall's camera as CAD walls do it: a scene fits its region or its active incidents; the
 * incidents are fitted again only when the *set* of active incidents changes (not when one moves
 * or changes status); a hand on the map locks the view until "resume auto-fit".
 */
export function useAutofit(
  scene: Scene,
  sceneKey: string,
  incidents: readonly Incident[] | undefined,
  region: [number, number, number, number] | undefined,
  /** The operator put one incident on the walls: it is shown close up, nothing else fits. */
  focus: [number, number] | null,
): {
  target: CameraTarget | null;
  locked: boolean;
  onUserMove: () => void;
  resume: () => void;
} {
  // Locked in the scene a hand moved the map in: a new scene is free again, without an effect.
  const [lockedIn, setLockedIn] = useState<string | null>(null);
  const locked = lockedIn === sceneKey;
  const [target, setTarget] = useState<CameraTarget | null>(null);
  const key = useRef(0);
  const active = useMemo(() => (incidents ?? []).filter((i) => OPEN.has(i.status)), [incidents]);
  const setKey = active
    .map((i) => i.id)
    .sort()
    .join(',');
  const fx = focus ? focus[0] : null;
  const fy = focus ? focus[1] : null;
  const fit = useCallback(() => {
    if (fx !== null && fy !== null) {
      setTarget({ key: ++key.current, center: [fx, fy], zoom: 15 });
      return;
    }
    const bounds =
      scene.fit === 'incidents' && active.length > 0
        ? boxOf(active.map((i) => i.position))
        : region;
    if (bounds) setTarget({ key: ++key.current, bounds });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `active` is read through its set key: incidents moving or changing status must not refit
  }, [scene.fit, setKey, region, fx, fy]);
  useEffect(() => {
    if (!locked) fit();
  }, [fit, locked, sceneKey]);
  return {
    target,
    locked,
    onUserMove: useCallback(() => setLockedIn(sceneKey), [sceneKey]),
    resume: useCallback(() => setLockedIn(null), []),
  };
}
