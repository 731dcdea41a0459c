import type { LonLat } from '../protocol/index.ts';

/**
 * The exercise's weather: one convective storm cell drifting across the jurisdiction, with a
 * broad, weaker rain shield around it. Rain intensity at a point is a Gaussian of its distance
 * to the moving core, scaled by the storm's life cycle (rising, peaking half-way, dying). A
 * planning toy, not a forecast: what it must get right is the order things happen in — the
 * short heavy bursts first, accumulations later, rivers later still.
 */
export interface Storm {
  /** When it starts and how long it lives (ms, hours). */
  start: number;
  hours: number;
  /** Where its core is half-way through its life, and where it heads (degrees from north). */
  centre: LonLat;
  headingDeg: number;
  speedKmh: number;
  /** The core's radius (km) and its rain rate at the peak (mm/h). */
  radiusKm: number;
  peakMmH: number;
}

const KM_PER_DEG_LAT = 111.2;

/** Where the core is at `t` (ms). */
export function coreAt(s: Storm, t: number): LonLat {
  const hoursFromMid = (t - s.start) / 3_600_000 - s.hours / 2;
  const km = hoursFromMid * s.speedKmh;
  const rad = (s.headingDeg * Math.PI) / 180;
  const [lon, lat] = s.centre;
  const dLat = (km * Math.cos(rad)) / KM_PER_DEG_LAT;
  const dLon = (km * Math.sin(rad)) / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  return [lon + dLon, lat + dLat];
}

function distanceKm(a: LonLat, b: LonLat): number {
  const dy = (a[1] - b[1]) * KM_PER_DEG_LAT;
  const dx = (a[0] - b[0]) * KM_PER_DEG_LAT * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/** Rain rate at `p` at `t` (mm/h). */
export function intensity(s: Storm, p: LonLat, t: number): number {
  const life = (t - s.start) / (s.hours * 3_600_000);
  if (life <= 0 || life >= 1) return 0;
  const envelope = Math.sin(Math.PI * life) ** 2;
  const d = distanceKm(p, coreAt(s, t));
  const core = Math.exp(-((d / s.radiusKm) ** 2));
  const shield = 0.12 * Math.exp(-((d / (3 * s.radiusKm)) ** 2));
  return s.peakMmH * envelope * (core + shield);
}

/** Rain at `p` between `t0` and `t1` (mm), integrated by the minute. */
export function rainBetween(s: Storm, p: LonLat, t0: number, t1: number): number {
  let mm = 0;
  for (let t = t0; t < t1; t += 60_000) mm += intensity(s, p, t + 30_000) / 60;
  return mm;
}

/**
 * A storm for a jurisdiction: its core crosses the middle of the bounding box from the
 * south-west (the way summer storms cross the Henan plain) within its life.
 */
export function stormOver(
  bbox: readonly [number, number, number, number],
  start: number,
  o: { hours?: number; peakMmH?: number; radiusKm?: number; headingDeg?: number } = {},
): Storm {
  const [w, s, e, n] = bbox;
  const hours = o.hours ?? 8;
  const widthKm = distanceKm([w, s], [e, n]);
  return {
    start,
    hours,
    centre: [(w + e) / 2, (s + n) / 2],
    headingDeg: o.headingDeg ?? 60,
    // Across the box (and a little beyond) in its life, but never faster than storms drift.
    speedKmh: Math.min(35, Math.max(6, (widthKm * 1.2) / hours)),
    radiusKm: o.radiusKm ?? Math.max(5, widthKm / 10),
    peakMmH: o.peakMmH ?? 70,
  };
}

/**
 * How rivers and reservoirs answer rain: a linear reservoir (storage drains at storage / k per
 * hour) fed by the basin's rain `lagMin` minutes late. The level is a base plus a gain per mm
 * held. Documented in fixtures/README.md; the constants make a 100 mm storm lift a river
 * station a couple of metres within a few hours, which is the order the samples' rivers show.
 */
export class Runoff {
  private storage = 0;
  private readonly pending: { at: number; mm: number }[] = [];

  constructor(
    private readonly kHours = 3,
    private readonly lagMin = 60,
  ) {}

  /** Rain on the basin over the step ending at `t` (ms); answers the storage (mm) at `t`. */
  step(t: number, rainMm: number, dtMin: number): number {
    this.pending.push({ at: t + this.lagMin * 60_000, mm: rainMm });
    let inflow = 0;
    while ((this.pending[0]?.at ?? Infinity) <= t) inflow += this.pending.shift()?.mm ?? 0;
    const dtH = dtMin / 60;
    this.storage = this.storage * Math.exp(-dtH / this.kHours) + inflow;
    return this.storage;
  }
}

/**
 * Water on a low street: it gathers while rain falls faster than the drains take it and drains
 * away after (m). Over a 5-minute step: depth += (rate − capacity) × ponding factor.
 */
export function pondedDepth(
  depth: number,
  rateMmH: number,
  dtMin: number,
  drainsMmH = 30,
  ponding = 8,
): number {
  const dtH = dtMin / 60;
  const next =
    rateMmH > drainsMmH
      ? depth + ((rateMmH - drainsMmH) / 1000) * ponding * dtH
      : depth - 0.15 * dtH;
  return Math.max(0, next);
}
