import {
  bbox,
  bearing,
  buffer,
  circle,
  destination,
  distance,
  ellipse,
  intersect,
  nearestPointOnLine,
  union,
} from '@turf/turf';
import type { Feature } from 'geojson';
import {
  circlePolygon,
  type AreaGeometry,
  type River,
  type RiskPoint,
  type Warning,
} from '../protocol/index.ts';
import type { Hazard, HazardZone } from './hazard-area.ts';

// Every scenario here is a planning envelope drawn from the sample's own geography (rivers,
// dike sections, waterlogging spots), not a hydraulic model; the panel says so.

const riverLine = (r: River): Feature => ({
  type: 'Feature',
  properties: {},
  geometry: r.geometry,
});

function riverBuffer(r: River, km: number): Feature<AreaGeometry> {
  const b = buffer(riverLine(r), km, { units: 'kilometers', steps: 6 });
  if (!b) throw new Error(`cannot buffer river ${r.id}`);
  return b as Feature<AreaGeometry>;
}

/** Each river over its banks: deep within 500 m of the channel, shallow to 1.5 km. */
export function riverFloodScenarios(rivers: readonly River[]): Hazard[] {
  return rivers.map((r) => ({
    id: `flood-${r.id}`,
    name: r.name,
    source: 'scenario',
    level: null,
    scenario: { kind: 'overflow', river: r.name },
    zones: [
      { geometry: riverBuffer(r, 0.5).geometry, depth: 'deep' },
      { geometry: riverBuffer(r, 1.5).geometry, depth: 'shallow' },
    ],
  }));
}

/** How far a dike section may lie from the traced river and still be its dike. */
const DIKE_MAX_KM = 3;

/**
 * An embankment breach at each dike section the flood headquarters watches (险工险段): the water
 * leaves through the dike on the section's side of the river and spreads away from it as a fan,
 * deep for 8 km and shallow for 20 km downstream of the breach's line of flow.
 */
export function breachScenarios(
  rivers: readonly River[],
  riskPoints: readonly RiskPoint[],
): Hazard[] {
  const out: Hazard[] = [];
  for (const p of riskPoints) {
    if (p.type !== 'river_dike_section') continue;
    let best: { river: River; at: [number, number]; km: number } | null = null;
    for (const r of rivers) {
      const near = nearestPointOnLine(r.geometry, p.position, { units: 'kilometers' });
      const km = near.properties.dist;
      if (km <= DIKE_MAX_KM && (!best || km < best.km))
        best = { river: r, at: near.geometry.coordinates as [number, number], km };
    }
    if (!best) continue;
    // The side of the river the section stands on; a section drawn on the channel itself is
    // taken to guard the south bank (the sample's plain lies south of its rivers).
    const out_ = distance(best.at, p.position) > 0.03 ? bearing(best.at, p.position) : 180;
    const fan = (lengthKm: number, widthKm: number): AreaGeometry => {
      const centre = destination(best.at, lengthKm / 2, out_, { units: 'kilometers' });
      return ellipse(centre, lengthKm / 2, widthKm / 2, {
        units: 'kilometers',
        angle: out_ - 90,
        steps: 48,
      }).geometry as AreaGeometry;
    };
    const place = p.name.replace(/险工险段$/, '');
    out.push({
      id: `breach-${p.id}`,
      name: `${best.river.name}${place}`,
      source: 'scenario',
      level: null,
      scenario: { kind: 'breach', river: best.river.name, place },
      zones: [
        { geometry: fan(8, 4), depth: 'deep' },
        { geometry: fan(20, 10), depth: 'shallow' },
      ],
    });
  }
  return out;
}

/**
 * Urban waterlogging by 24-hour rainfall (the national grades 暴雨 ≥ 50 mm, 大暴雨 ≥ 100 mm,
 * 特大暴雨 ≥ 250 mm): water gathers around the known waterlogging spots and underground spaces,
 * spreading further and deeper as the rain grows.
 */
export const RAINFALL_LEVELS = [
  { rainMm: 50, shallowM: 150, deepM: 0 },
  { rainMm: 100, shallowM: 250, deepM: 80 },
  { rainMm: 250, shallowM: 400, deepM: 150 },
] as const;

/** Who leaves a waterlogged street: ground floors and basements, about one resident in five. */
const WATERLOGGING_EVACUATE = 0.2;

export function waterloggingScenarios(riskPoints: readonly RiskPoint[]): Hazard[] {
  const spots = riskPoints.filter(
    (p) => p.type === 'waterlogging_spot' || p.type === 'underground_space',
  );
  if (spots.length === 0) return [];
  const zone = (m: number): AreaGeometry | null => {
    if (m <= 0) return null;
    const circles = spots.map((p) =>
      circle(p.position, m / 1000, { units: 'kilometers', steps: 16 }),
    );
    const merged =
      circles.length === 1 ? circles[0] : union({ type: 'FeatureCollection', features: circles });
    return merged ? (merged.geometry as AreaGeometry) : null;
  };
  return RAINFALL_LEVELS.map(({ rainMm, shallowM, deepM }) => {
    const zones: HazardZone[] = [];
    const deep = zone(deepM);
    if (deep) zones.push({ geometry: deep, depth: 'deep' });
    const shallow = zone(shallowM);
    if (shallow) zones.push({ geometry: shallow, depth: 'shallow' });
    return {
      id: `waterlogging-${rainMm}`,
      name: `${rainMm} mm`,
      source: 'scenario' as const,
      level: null,
      scenario: { kind: 'waterlogging' as const, rainMm },
      evacuate: WATERLOGGING_EVACUATE,
      zones,
    };
  });
}

/** How far from a river an orange (red) warning's water is taken as deep. */
const WARNING_DEEP_KM = { orange: 0.5, red: 1 } as const;

/**
 * A warning's areas as a hazard. The whole warned area is shallow water; under an orange or red
 * warning the strips along the rivers inside it are deep (roads there closed, people leave by
 * boat). Treating a whole warned township as deep water asked for thousands of boat trips.
 */
export function warningHazard(w: Warning, rivers: readonly River[] = []): Hazard {
  const areas: AreaGeometry[] = w.areas.flatMap((a) => [
    ...a.polygons,
    ...a.circles.map((c) => circlePolygon(c.center, c.radiusKm)),
  ]);
  const zones: HazardZone[] = areas.map((geometry) => ({ geometry, depth: 'shallow' }));
  if (w.level === 'orange' || w.level === 'red') {
    const km = WARNING_DEEP_KM[w.level];
    for (const r of rivers) {
      const strip = riverBuffer(r, km);
      const [x0, y0, x1, y1] = bbox(strip);
      for (const a of areas) {
        const [a0, b0, a1, b1] = bbox(a);
        if (a0 > x1 || a1 < x0 || b0 > y1 || b1 < y0) continue;
        const core = intersect({
          type: 'FeatureCollection',
          features: [strip, { type: 'Feature', properties: {}, geometry: a }],
        });
        if (core) zones.unshift({ geometry: core.geometry as AreaGeometry, depth: 'deep' });
      }
    }
  }
  // Areas that name villages by their 12-digit codes (the 水雨情 rules' warnings) mean those
  // villages, not whatever their outlines touch.
  const named = w.areas.every((a) => a.geocodes.length > 0 && a.geocodes.every(isVillageCode))
    ? w.areas.flatMap((a) => a.geocodes)
    : null;
  return {
    id: `warning-${w.identifier}`,
    name: w.headline,
    source: 'warning',
    level: w.level,
    zones,
    ...(named ? { villages: named } : {}),
  };
}

const isVillageCode = (code: string) => code.length === 12;

/** Every hazard the planner can choose from in a scenario, warnings in force first. */
export function hazardChoices(
  warnings: readonly Warning[],
  rivers: readonly River[],
  riskPoints: readonly RiskPoint[],
): Hazard[] {
  return [
    ...warnings
      .filter((w) => w.areas.some((a) => a.polygons.length + a.circles.length > 0))
      .map((w) => warningHazard(w, rivers)),
    ...riverFloodScenarios(rivers),
    ...breachScenarios(rivers, riskPoints),
    ...waterloggingScenarios(riskPoints),
  ];
}
