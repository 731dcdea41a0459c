import { area, bbox, booleanIntersects, booleanPointInPolygon, intersect, union } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  VULNERABLE_KEYS,
  type AdminArea,
  type AreaGeometry,
  type RoadSegment,
  type Shelter,
  type WarningColour,
} from '../protocol/index.ts';

export type Depth = 'shallow' | 'deep';

/** Where the water is (or is feared), and how deep: deep zones close roads outright. */
export interface HazardZone {
  geometry: AreaGeometry;
  /** A class of expected water depth (planning envelope, not a hydraulic result). */
  depth: Depth;
}

/** Which of the fixtures' flood scenarios a hazard is (names are put together by the UI). */
export type ScenarioKind =
  | { kind: 'overflow'; river: string }
  | { kind: 'breach'; river: string; place: string }
  | { kind: 'waterlogging'; rainMm: number };

export interface Hazard {
  id: string;
  name: string;
  /** Where it comes from: a warning, a flood scenario, or drawn by the planner. */
  source: 'warning' | 'scenario' | 'drawn';
  level: WarningColour | null;
  zones: HazardZone[];
  scenario?: ScenarioKind;
  /**
   * Of the people living under the water, the share who must leave (1 when absent). Waterlogged
   * streets send away ground floors and basements, not whole blocks.
   */
  evacuate?: number;
  /**
   * Exactly these villages and no others, wholly (a warning naming villages by their codes, as
   * the 水雨情 rules' warnings do): the zones then only say where the water is for roads and
   * shelters.
   */
  villages?: readonly string[];
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

type Box = [number, number, number, number];
type Part = { feature: Feature<Polygon>; depth: Depth; box: Box };

const asFeature = <G extends Polygon | MultiPolygon>(geometry: G): Feature<G> => ({
  type: 'Feature',
  properties: {},
  geometry,
});

/**
 * A hazard's zones split into single polygons under a spatial index. Hazards range from two
 * nested river buffers to hundreds of waterlogging circles; each question (is this point wet,
 * which water touches this village) only looks at the parts whose boxes are near.
 */
export class HazardIndex {
  private readonly parts: Part[];
  private readonly index: Flatbush | null;

  constructor(hazard: Pick<Hazard, 'zones'>) {
    this.parts = hazard.zones.flatMap((z) =>
      (z.geometry.type === 'Polygon' ? [z.geometry.coordinates] : z.geometry.coordinates).map(
        (coordinates) => {
          const feature = asFeature<Polygon>({ type: 'Polygon', coordinates });
          return { feature, depth: z.depth, box: bbox(feature) as Box };
        },
      ),
    );
    if (this.parts.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(this.parts.length);
    for (const p of this.parts) index.add(...p.box);
    index.finish();
    this.index = index;
  }

  /** The parts whose boxes overlap this one (of one depth, or of any). */
  near(box: Box, depth?: Depth): Part[] {
    if (!this.index) return [];
    return this.index
      .search(...box)
      .map((i) => this.parts[i])
      .filter((p): p is Part => p !== undefined && (!depth || p.depth === depth));
  }

  /** The deepest water at a point, or null when it is dry. */
  at(p: [number, number]): Depth | null {
    let found: Depth | null = null;
    for (const part of this.near([p[0], p[1], p[0], p[1]])) {
      if (!booleanPointInPolygon(p, part.feature)) continue;
      if (part.depth === 'deep') return 'deep';
      found = 'shallow';
    }
    return found;
  }

  /** Square metres of this polygon under water of any depth (overlapping parts counted once). */
  coveredArea(f: Feature<Polygon | MultiPolygon>): number {
    const parts = this.near(bbox(f) as Box).filter((p) => booleanIntersects(p.feature, f));
    if (parts.length === 0) return 0;
    const water =
      parts.length === 1
        ? parts[0]?.feature
        : union({ type: 'FeatureCollection', features: parts.map((p) => p.feature) });
    if (!water) return 0;
    const wet = intersect({ type: 'FeatureCollection', features: [f, water] });
    return wet ? area(wet) : 0;
  }
}

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
  index = new HazardIndex(hazard),
): { villages: AffectedVillage[]; sheltersInside: Set<string>; closedRoads: Set<string> } {
  const out: AffectedVillage[] = [];
  const named = hazard.villages ? new Set(hazard.villages) : null;
  for (const v of villages) {
    if (named && !named.has(v.code)) continue;
    const f = asFeature(v.geometry);
    const covered = named ? 1 : index.coveredArea(f);
    if (covered === 0) continue;
    const share = named ? 1 : Math.min(1, covered / Math.max(1, area(f)));
    const leaving = share * (hazard.evacuate ?? 1);
    const people = Math.round(v.population * leaving);
    if (people === 0) continue;
    const vulnerable = Math.round(
      VULNERABLE_KEYS.reduce((n, k) => n + v.vulnerable[k], 0) * leaving,
    );
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
    shelters.filter((s) => index.at(s.position) !== null).map((s) => s.id),
  );
  const closedRoads = new Set(
    roads
      .filter((r) => {
        // Water under a bridge does not close it.
        if (r.bridge) return false;
        const f: Feature = { type: 'Feature', properties: {}, geometry: r.geometry };
        return index.near(bbox(f) as Box, 'deep').some((p) => booleanIntersects(p.feature, f));
      })
      .map((r) => r.id),
  );
  return { villages: out, sheltersInside, closedRoads };
}
