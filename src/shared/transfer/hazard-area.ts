import {
  area,
  bbox,
  booleanIntersects,
  booleanPointInPolygon,
  buffer,
  intersect,
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  VULNERABLE_KEYS,
  type AdminArea,
  type AreaGeometry,
  type River,
  type RoadSegment,
  type Shelter,
  type Warning,
  type WarningColour,
  circlePolygon,
} from '../protocol/index.ts';

/** Where the water is (or is feared), and how deep: deep zones close roads outright. */
export interface HazardZone {
  geometry: AreaGeometry;
  /** Metres of water expected (a class, not a hydraulic result). */
  depth: 'shallow' | 'deep';
}

export interface Hazard {
  id: string;
  name: string;
  /** Where it comes from: a warning, a flood scenario, or drawn by the planner. */
  source: 'warning' | 'scenario' | 'drawn';
  level: WarningColour | null;
  zones: HazardZone[];
}

export interface AffectedVillage {
  code: string;
  name: string;
  townshipCode: string;
  /** People to transfer: the population living in the hazard's part of the village. */
  people: number;
  vulnerable: number;
  seat: [number, number];
  /** Share of the village's area under the hazard. */
  share: number;
}

const asFeature = (g: AreaGeometry): Feature<Polygon | MultiPolygon> => ({
  type: 'Feature',
  properties: {},
  geometry: g,
});

/**
 * What a hazard touches: villages with the share of their people living under it (population
 * spread evenly over the village: the sample has no finer data), vulnerable people counted
 * apart in the same share, shelters that are inside it (excluded), and road segments that cross
 * its deep water (closed for routing; shallow water slows traffic but lets it through).
 */
export function affectedBy(
  hazard: Hazard,
  villages: readonly AdminArea[],
  shelters: readonly Shelter[],
  roads: readonly RoadSegment[],
): { villages: AffectedVillage[]; sheltersInside: Set<string>; closedRoads: Set<string> } {
  const zones = hazard.zones.map((z) => asFeature(z.geometry));
  const deep = hazard.zones.filter((z) => z.depth === 'deep').map((z) => asFeature(z.geometry));
  // Boxes first: most villages and roads are nowhere near the water.
  const boxes = zones.map((z) => bbox(z));
  const near = (b: ReturnType<typeof bbox>) =>
    boxes.some((z) => b[0] <= z[2] && b[2] >= z[0] && b[1] <= z[3] && b[3] >= z[1]);
  const touching = (f: Feature<Polygon | MultiPolygon>) =>
    near(bbox(f)) && zones.some((z) => booleanIntersects(z, f));
  const out: AffectedVillage[] = [];
  for (const v of villages) {
    const f = asFeature(v.geometry);
    if (!touching(f)) continue;
    // Zones nest (deep inside shallow): the widest one under the village counts.
    let covered = 0;
    for (const z of zones) {
      const part = intersect({ type: 'FeatureCollection', features: [f, z] });
      if (part) covered = Math.max(covered, area(part));
    }
    const share = Math.min(1, covered / Math.max(1, area(f)));
    const people = Math.round(v.population * share);
    if (people === 0) continue;
    const vulnerable = Math.round(VULNERABLE_KEYS.reduce((n, k) => n + v.vulnerable[k], 0) * share);
    out.push({
      code: v.code,
      name: v.name,
      townshipCode: v.code.slice(0, 9),
      people,
      vulnerable: Math.min(vulnerable, people),
      seat: v.seat,
      share,
    });
  }
  const sheltersInside = new Set(
    shelters
      .filter((s) => zones.some((z) => booleanPointInPolygon(s.position, z)))
      .map((s) => s.id),
  );
  const closedRoads = new Set(
    roads
      .filter((r) => {
        const f: Feature = { type: 'Feature', properties: {}, geometry: r.geometry };
        return near(bbox(f)) && deep.some((z) => booleanIntersects(z, f));
      })
      .map((r) => r.id),
  );
  return { villages: out, sheltersInside, closedRoads };
}

/**
 * Flood scenarios the sample provides: each river overflowing its banks, deep within 500 m of
 * the channel and shallow to 1.5 km (a plausible planning envelope, not a hydraulic model).
 */
export function riverFloodScenarios(rivers: readonly River[]): Hazard[] {
  return rivers.map((r) => {
    const line: Feature = { type: 'Feature', properties: {}, geometry: r.geometry };
    const zone = (km: number): AreaGeometry => {
      const b = buffer(line, km, { units: 'kilometers', steps: 6 });
      if (!b) throw new Error(`cannot buffer river ${r.id}`);
      return b.geometry as AreaGeometry;
    };
    return {
      id: `flood-${r.id}`,
      name: r.name,
      source: 'scenario',
      level: null,
      zones: [
        { geometry: zone(0.5), depth: 'deep' },
        { geometry: zone(1.5), depth: 'shallow' },
      ],
    };
  });
}

/**
 * A warning's areas as a hazard: under an orange or red warning the water is taken as deep
 * (roads through it closed), under blue or yellow as shallow.
 */
export function warningHazard(w: Warning): Hazard {
  const depth = w.level === 'red' || w.level === 'orange' ? 'deep' : 'shallow';
  return {
    id: `warning-${w.identifier}`,
    name: w.headline,
    source: 'warning',
    level: w.level,
    zones: w.areas.flatMap((a) => [
      ...a.polygons.map((geometry) => ({ geometry, depth }) as const),
      ...a.circles.map((c) => ({ geometry: circlePolygon(c.center, c.radiusKm), depth }) as const),
    ]),
  };
}
