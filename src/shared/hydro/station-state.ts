import type { Station, StationReading } from '../protocol/index.ts';

/**
 * A station reading older than this is stale: longer than the hourly report (小时报) the
 * slowest RTUs keep to, so a gauge that missed one report still shows, one that missed two
 * does not pass for current.
 */
export const STALE_MINUTES = 70;

/** The national rainfall grades (GB/T 28592-2012) over 1 h and 24 h, lower bounds in mm. */
export const RAIN_GRADES = [
  'light',
  'moderate',
  'heavy',
  'storm',
  'heavyStorm',
  'extreme',
] as const;
export type RainGrade = (typeof RAIN_GRADES)[number];
const FROM_1H = [0.1, 1.6, 7, 15, 40, 50];
const FROM_24H = [0.1, 10, 25, 50, 100, 250];

export type StationState =
  | { kind: 'none' }
  | { kind: 'stale'; lastAt: string }
  | { kind: 'dry' }
  | { kind: 'rain'; grade: RainGrade }
  | { kind: 'level'; over: 'normal' | 'warning' | 'guarantee' | 'floodLimit' }
  | { kind: 'depth'; over: boolean };

const grade = (mm: number, from: readonly number[]): number => {
  let g = -1;
  from.forEach((b, i) => {
    if (mm >= b) g = i;
  });
  return g;
};

/** The grade of a gauge's rain: the higher of its 1 h and 24 h grades (-1: none). */
export function rainGrade(rain1h: number, rain24h: number): RainGrade | null {
  return RAIN_GRADES[Math.max(grade(rain1h, FROM_1H), grade(rain24h, FROM_24H))] ?? null;
}

/**
 * What a station's map mark says: stale (greyed, with when it last reported), a rain grade, a
 * level over 警戒 / 保证 / 汛限, a waterlogged street — or nothing yet.
 */
export function stationState(
  s: Station,
  r: StationReading | undefined,
  nowMs: number,
): StationState {
  if (!r) return { kind: 'none' };
  if (nowMs - Date.parse(r.lastAt) > STALE_MINUTES * 60_000)
    return { kind: 'stale', lastAt: r.lastAt };
  if (s.kind === 'rain') {
    const g = rainGrade(r.rain1h ?? 0, r.rain24h ?? 0);
    return g ? { kind: 'rain', grade: g } : { kind: 'dry' };
  }
  if (r.value === undefined) return { kind: 'none' };
  if (s.kind === 'waterlogging')
    return { kind: 'depth', over: s.depthAlarmM !== undefined && r.value >= s.depthAlarmM };
  const l = s.levels ?? {};
  if (l.guarantee !== undefined && r.value >= l.guarantee)
    return { kind: 'level', over: 'guarantee' };
  if (l.warning !== undefined && r.value >= l.warning) return { kind: 'level', over: 'warning' };
  if (l.floodLimit !== undefined && r.value >= l.floodLimit)
    return { kind: 'level', over: 'floodLimit' };
  return { kind: 'level', over: 'normal' };
}

/** How far a level stands over (positive) or under its warning-type level, m; null: none. */
export function marginOverWarning(s: Station, r: StationReading | undefined): number | null {
  const mark = s.levels?.warning ?? s.levels?.floodLimit ?? s.depthAlarmM;
  if (mark === undefined || r?.value === undefined) return null;
  return Math.round((r.value - mark) * 100) / 100;
}

/** The wall's 水雨情 figures from every station's latest (stale readings count for nothing). */
export function hydroFigures(
  stations: readonly Station[],
  readings: ReadonlyMap<string, StationReading>,
  nowMs: number,
) {
  const f = {
    overWarning: 0,
    overGuarantee: 0,
    rivers: 0,
    overFloodLimit: 0,
    reservoirs: 0,
    maxRain1h: 0,
    heavyGauges: 0,
  };
  for (const s of stations) {
    const r = readings.get(s.id);
    const state = stationState(s, r, nowMs);
    if (s.kind === 'river') f.rivers++;
    if (s.kind === 'reservoir') f.reservoirs++;
    if (state.kind === 'level' && s.kind === 'river' && state.over !== 'normal') {
      f.overWarning++;
      if (state.over === 'guarantee') f.overGuarantee++;
    }
    if (state.kind === 'level' && s.kind === 'reservoir' && state.over !== 'normal')
      f.overFloodLimit++;
    if ((state.kind === 'rain' || state.kind === 'dry') && r?.rain1h !== undefined) {
      f.maxRain1h = Math.max(f.maxRain1h, r.rain1h);
      if (r.rain1h >= 20) f.heavyGauges++;
    }
  }
  return f;
}

export interface HydroRanking {
  /** Gauges by their last hour's rain, most first (then their day's). */
  rain: { station: Station; rain1h: number; rain24h: number }[];
  /** Rivers and reservoirs (and street sensors) by how far over or under their mark they stand. */
  margin: { station: Station; value: number; mark: number; margin: number }[];
  /** Each township's mean 24 h rain over its current gauges (mm), wettest first. */
  townships: { townshipCode: string; rain24h: number; gauges: number }[];
}

/** The 水雨情 summary: the top `n` by rain and by margin, and the townships' accumulation. */
export function hydroRanking(
  stations: readonly Station[],
  readings: ReadonlyMap<string, StationReading>,
  nowMs: number,
  n = 10,
): HydroRanking {
  const rain: HydroRanking['rain'] = [];
  const margin: HydroRanking['margin'] = [];
  const byTownship = new Map<string, { sum: number; gauges: number }>();
  for (const s of stations) {
    const r = readings.get(s.id);
    const state = stationState(s, r, nowMs);
    if (!r || state.kind === 'stale' || state.kind === 'none') continue;
    if (s.kind === 'rain' && r.rain1h !== undefined) {
      rain.push({ station: s, rain1h: r.rain1h, rain24h: r.rain24h ?? r.rain1h });
      const t = byTownship.get(s.townshipCode) ?? { sum: 0, gauges: 0 };
      t.sum += r.rain24h ?? r.rain1h;
      t.gauges++;
      byTownship.set(s.townshipCode, t);
    }
    const m = marginOverWarning(s, r);
    const mark = s.levels?.warning ?? s.levels?.floodLimit ?? s.depthAlarmM;
    if (m !== null && mark !== undefined && r.value !== undefined)
      margin.push({ station: s, value: r.value, mark, margin: m });
  }
  rain.sort((a, b) => b.rain1h - a.rain1h || b.rain24h - a.rain24h);
  margin.sort((a, b) => b.margin - a.margin);
  const townships = [...byTownship]
    .map(([townshipCode, t]) => ({
      townshipCode,
      rain24h: Math.round((t.sum / t.gauges) * 10) / 10,
      gauges: t.gauges,
    }))
    .sort((a, b) => b.rain24h - a.rain24h);
  return { rain: rain.slice(0, n), margin: margin.slice(0, n), townships };
}
