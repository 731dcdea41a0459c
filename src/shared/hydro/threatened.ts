import {
  bbox,
  booleanIntersects,
  booleanPointInPolygon,
  buffer,
  distance,
  lineSliceAlong,
  lineString,
  nearestPointOnLine,
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AdminArea, HydroRule, LonLat, River, Station } from '../protocol/index.ts';

/**
 * How far a river station (or a reservoir's dam) is taken to threaten downstream, and how wide
 * the strip along the channel is: a planning envelope for who to call first, not a flood
 * routing. Rivers are drawn from source to mouth (the samples' traced courses and OSM
 * waterways both are), so "downstream" is further along the line.
 */
export const DOWNSTREAM = { km: 10, stripKm: 1, riverWithinKm: 5, damKm: 3 } as const;

/** At most this many villages are named for one firing (the warning's and the plan's size). */
export const MAX_THREATENED = 500;

type Box = [number, number, number, number];
interface Area {
  code: string;
  feature: Feature<Polygon | MultiPolygon>;
  box: Box;
}

/**
 * Which villages a firing threatens, per station, worked out once per jurisdiction version:
 * a village's own index names that village; a rain gauge names the villages whose indices read
 * it; a river station or a reservoir names the villages along the channel downstream of it (and
 * those whose indices it reads); a waterlogging sensor names the community it stands in.
 */
export class ThreatMap {
  private readonly areas: Area[];
  private readonly downstream = new WeakMap<Station, string[]>();

  constructor(
    villages: readonly AdminArea[],
    private readonly rivers: readonly River[],
  ) {
    this.areas = villages.map((v) => {
      const feature: Feature<Polygon | MultiPolygon> = {
        type: 'Feature',
        properties: {},
        geometry: v.geometry,
      };
      return { code: v.code, feature, box: bbox(feature) as Box };
    });
  }

  /** The villages a firing of `kind` at `station` threatens (for a village rule, `village`). */
  villagesFor(station: Station, kind: HydroRule['kind'], village?: string): string[] {
    const watched = (station.watches ?? []).map((w) => w.villageCode);
    switch (kind) {
      case 'village':
        return village ? [village] : [];
      case 'rain':
        return watched.slice(0, MAX_THREATENED);
      case 'depth':
        return this.containing(station.position);
      case 'level':
      case 'rise': {
        let down = this.downstream.get(station);
        if (!down) {
          down = this.downstreamOf(station);
          this.downstream.set(station, down);
        }
        return [...new Set([...watched, ...down])].slice(0, MAX_THREATENED);
      }
    }
  }

  private containing(p: LonLat): string[] {
    const [x, y] = p;
    const hit = this.areas.find(
      (a) =>
        x >= a.box[0] &&
        x <= a.box[2] &&
        y >= a.box[1] &&
        y <= a.box[3] &&
        booleanPointInPolygon(p, a.feature),
    );
    return hit ? [hit.code] : [];
  }

  /** Villages touching the strip along the channel from the station to DOWNSTREAM.km below it. */
  private downstreamOf(station: Station): string[] {
    const river = this.riverOf(station);
    if (!river) return this.within(station.position, DOWNSTREAM.damKm);
    const line = lineString(river.geometry.coordinates);
    const at = nearestPointOnLine(line, station.position, { units: 'kilometers' }).properties
      .location;
    const reach = lineSliceAlong(line, at, at + DOWNSTREAM.km, { units: 'kilometers' });
    const strip = buffer(reach, DOWNSTREAM.stripKm, { units: 'kilometers', steps: 6 });
    if (!strip) return [];
    const box = bbox(strip) as Box;
    return this.areas
      .filter((a) => overlaps(a.box, box) && booleanIntersects(a.feature, strip))
      .map((a) => a.code);
  }

  /** The river the station stands on: named so, or the nearest within reach. */
  private riverOf(station: Station): River | undefined {
    const named = this.rivers.find((r) => r.name === station.water);
    if (named) return named;
    let best: { river: River; km: number } | undefined;
    for (const river of this.rivers) {
      const km = nearestPointOnLine(river.geometry, station.position, { units: 'kilometers' })
        .properties.dist;
      if (km <= DOWNSTREAM.riverWithinKm && (!best || km < best.km)) best = { river, km };
    }
    return best?.river;
  }

  private within(p: LonLat, km: number): string[] {
    const deg = km / 90;
    const box: Box = [p[0] - deg, p[1] - deg, p[0] + deg, p[1] + deg];
    return this.areas
      .filter(
        (a) =>
          overlaps(a.box, box) &&
          (booleanPointInPolygon(p, a.feature) ||
            distance(p, [(a.box[0] + a.box[2]) / 2, (a.box[1] + a.box[3]) / 2]) <= km),
      )
      .map((a) => a.code);
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}
