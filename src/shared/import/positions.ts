import gcoord from 'gcoord';
import type { LonLat } from '../protocol/index.ts';
import { words, type Words } from './problems.ts';

/**
 * The coordinate systems registers come in. CGCS2000 geographic is WGS-84 within centimetres;
 * GCJ-02 is what Gaode and Tencent maps give, BD-09 what Baidu gives: both are offset hundreds of
 * metres and must be converted, or every point lands beside its building.
 */
export const REGISTER_CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type RegisterCrs = (typeof REGISTER_CRS)[number];

const GCOORD = {
  wgs84: gcoord.WGS84,
  cgcs2000: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
} as const;

export type Placed =
  | { ok: true; position: LonLat; note: Words | null }
  | { ok: false; reason: Words };

/** Margin around the jurisdiction's box a point may lie in (a shelter just over the line). */
const MARGIN_DEG = 0.05;

/**
 * A row's longitude and latitude as WGS-84, checked against the jurisdiction: swapped columns are
 * put right (and said), projected metres and points far outside are refused with the distance.
 */
export function placePoint(
  lon: number,
  lat: number,
  crs: RegisterCrs,
  bbox: readonly [number, number, number, number],
): Placed {
  const degrees = (x: number, y: number) => Math.abs(x) <= 180 && Math.abs(y) <= 90;
  if (!degrees(lon, lat) && !degrees(lat, lon))
    return {
      ok: false,
      reason: words(
        `坐标 ${lon}, ${lat} 像是投影坐标（米），请换算为经纬度或声明坐标系`,
        `${lon}, ${lat} look like projected coordinates (metres): convert them to degrees`,
      ),
    };
  const inside = (p: LonLat) =>
    p[0] >= bbox[0] - MARGIN_DEG &&
    p[0] <= bbox[2] + MARGIN_DEG &&
    p[1] >= bbox[1] - MARGIN_DEG &&
    p[1] <= bbox[3] + MARGIN_DEG;
  const convert = (x: number, y: number): LonLat =>
    crs === 'wgs84' || crs === 'cgcs2000'
      ? [x, y]
      : gcoord.transform<LonLat>([x, y], GCOORD[crs], gcoord.WGS84);
  const p = degrees(lon, lat) ? round(convert(lon, lat)) : null;
  if (p && inside(p)) return { ok: true, position: p, note: null };
  const swapped = degrees(lat, lon) ? round(convert(lat, lon)) : null;
  if (swapped && inside(swapped))
    return {
      ok: true,
      position: swapped,
      note: words(
        '经度、纬度填反了，已按对调处理',
        'longitude and latitude were swapped; read the other way round',
      ),
    };
  const km = Math.round(distanceOutsideKm(p ?? swapped ?? [lon, lat], bbox));
  return {
    ok: false,
    reason: words(
      `位置在辖区外约 ${km} 公里（检查坐标系与经纬度）`,
      `about ${km} km outside the jurisdiction (check the coordinate system and columns)`,
    ),
  };
}

const round = (p: LonLat): LonLat => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];

function distanceOutsideKm(p: LonLat, bbox: readonly [number, number, number, number]): number {
  const dx = Math.max(bbox[0] - p[0], 0, p[0] - bbox[2]);
  const dy = Math.max(bbox[1] - p[1], 0, p[1] - bbox[3]);
  const kx = 111.32 * Math.cos((p[1] * Math.PI) / 180);
  return Math.hypot(dx * kx, dy * 110.57);
}
