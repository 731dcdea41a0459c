import { bearing, distance } from '@turf/turf';
import type { Camera, LonLat } from '../protocol/index.ts';

/** A camera that sees a place, and how far away the place is. */
export interface CameraView {
  camera: Camera;
  distanceM: number;
}

/** Whether `p` lies in the camera's field of view: within range and within half the FOV of its bearing. */
export function sees(camera: Camera, p: LonLat): { seen: boolean; distanceM: number } {
  const distanceM = distance(camera.position, p, { units: 'meters' });
  if (distanceM > camera.rangeM) return { seen: false, distanceM };
  // A camera standing on the spot sees it whichever way it looks.
  if (distanceM < 1 || camera.fov >= 360) return { seen: true, distanceM };
  const toward = (bearing(camera.position, p) + 360) % 360;
  const off = Math.abs(((toward - camera.bearing + 540) % 360) - 180);
  return { seen: off <= camera.fov / 2, distanceM };
}

/**
 * Cameras whose field of view covers any of `points` (an incident: one point; a route: its
 * vertices), nearest first by the distance to the nearest covered point. A coarse box around
 * each point skips cameras out of reach before the exact test.
 */
export function camerasCovering(
  cameras: readonly Camera[],
  points: readonly LonLat[],
  options: { onlineOnly?: boolean } = {},
): CameraView[] {
  const maxRange = cameras.reduce((m, c) => Math.max(m, c.rangeM), 0);
  const found = new Map<string, CameraView>();
  for (const p of points) {
    const dLat = maxRange / 111_000;
    const dLon = dLat / Math.max(0.1, Math.cos((p[1] * Math.PI) / 180));
    for (const camera of cameras) {
      if (options.onlineOnly && !camera.online) continue;
      if (Math.abs(camera.position[0] - p[0]) > dLon || Math.abs(camera.position[1] - p[1]) > dLat)
        continue;
      const { seen, distanceM } = sees(camera, p);
      if (!seen) continue;
      const before = found.get(camera.id);
      if (!before || distanceM < before.distanceM) found.set(camera.id, { camera, distanceM });
    }
  }
  return [...found.values()].sort((a, b) => a.distanceM - b.distanceM);
}
