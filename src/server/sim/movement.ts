import type { LonLat } from '../../shared/protocol/index.ts';
import type { Rng } from '../../shared/random.ts';
import type { Telemetry } from '../feed/telemetry.ts';
import { pointAlong, type Leg } from '../../shared/routing/road-graph.ts';
import { TEAM_SPEED_KMH } from './exercise-script.ts';

/**
 * One step of a vehicle toward `to`: along its planned leg at the route's average speed, or
 * straight at TEAM_SPEED_KMH where no road connects (the leg's progress is kept in `leg.at`).
 */
export function moveToward(
  leg: Leg | null,
  current: LonLat,
  to: LonLat,
  simDeltaMs: number,
): { position: LonLat; bearing: number; speedKmh: number; arrived: boolean } {
  if (leg) {
    leg.at += (leg.speed * simDeltaMs) / 1000;
    const total = leg.cumulative.at(-1) ?? 0;
    const { position, bearing } = pointAlong(leg, Math.min(leg.at, total));
    return { position, bearing, speedKmh: Math.round(leg.speed * 3.6), arrived: leg.at >= total };
  }
  const kx = 111.32 * Math.cos((current[1] * Math.PI) / 180);
  const dx = (to[0] - current[0]) * kx;
  const dy = (to[1] - current[1]) * 110.57;
  const km = Math.hypot(dx, dy);
  const step = (TEAM_SPEED_KMH * simDeltaMs) / 3_600_000;
  const arrived = km <= step;
  const f = arrived ? 1 : step / km;
  return {
    position: [current[0] + (to[0] - current[0]) * f, current[1] + (to[1] - current[1]) * f],
    bearing: ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360,
    speedKmh: TEAM_SPEED_KMH,
    arrived,
  };
}

/**
 * Online grid members walk their grid and report a GPS fix every ~10 simulated seconds: a
 * step of up to ~60 m, pulled back toward home so nobody wanders off their village. At
 * Kaifeng's 32,000 members that is about 2,000 positions per simulated second, sent as one
 * binary frame per tick.
 */
export function patrol(rng: Rng, t: Telemetry, simDeltaMs: number): void {
  if (t.count === 0) return;
  const moves = Math.min(t.count, Math.round((t.count * 0.6 * simDeltaMs) / 10_000));
  const indices = new Uint32Array(moves);
  const positions = new Float32Array(moves * 2);
  for (let k = 0; k < moves; k++) {
    const i = rng.int(0, t.count - 1);
    indices[k] = i;
    const online = t.online[i] === 1;
    for (const axis of [0, 1]) {
      const now = t.positions[i * 2 + axis] ?? 0;
      const home = t.home[i * 2 + axis] ?? now;
      const step = online ? rng.range(-0.0006, 0.0006) : 0;
      positions[k * 2 + axis] = now + step + (home - now) * 0.1;
    }
  }
  if (moves > 0) t.move(indices, positions);
}
