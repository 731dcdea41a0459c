import type { HydroRule, Observation, RainThresholds, Station } from '../../protocol/index.ts';
import { RainWindows } from './rain-windows.ts';

/** A rule opening or clearing at a station (and for a village, where it is a village's index). */
export interface FiringChange {
  change: 'open' | 'clear';
  rule: HydroRule;
  station: Station;
  villageCode?: string;
  /** The value that crossed (or fell back), its threshold, and in what. */
  value: number;
  threshold: number;
  unit: 'mm' | 'm' | 'm/h';
  /** For rain: the window summed. */
  windowH?: number;
  /** The observation time the change happened at (ISO). */
  at: string;
}

/** A station's latest state as the engine holds it. */
export interface StationReading {
  lastAt: string;
  /** Newest level or depth (m). */
  value?: number;
  rain1h?: number;
  rain24h?: number;
}

export interface EngineOptions {
  /** Rain clears below this share of its threshold (no flapping around it). */
  rainClearRatio?: number;
  /** Levels and depths clear this many metres below their threshold. */
  levelClearM?: number;
}

interface Open {
  change: FiringChange;
}

interface Crossing {
  key: string;
  rule: HydroRule;
  villageCode?: string;
  value: number;
  threshold: number;
  clearBelow: number;
  unit: FiringChange['unit'];
  windowH?: number;
}

const WINDOWS = [
  ['h1', 1],
  ['h3', 3],
  ['h24', 24],
] as const;

/**
 * Threshold rules evaluated as observations arrive: each observation updates its station's
 * sliding windows (or latest level) and re-reads only the rules of that station, so the cost is
 * per observation, not per history. A rule opens at its threshold and clears only below a lower
 * mark (hysteresis); a station that falls silent keeps what is open (no data is not a clearing —
 * `silent` names it). Late observations count where they belong; state is read at the newest
 * time a station has reported.
 */
export class HydroRuleEngine {
  private readonly byCode = new Map<string, Station>();
  private readonly rain = new RainWindows();
  private readonly levels = new Map<string, { t: number; value: number }[]>();
  private readonly lastSeen = new Map<string, number>();
  private readonly open = new Map<string, Open>();
  private readonly rainClear: number;
  private readonly levelClear: number;

  constructor(
    stations: readonly Station[],
    private readonly rules: readonly HydroRule[],
    options: EngineOptions = {},
  ) {
    for (const s of stations) this.byCode.set(s.code, s);
    this.rainClear = options.rainClearRatio ?? 0.8;
    this.levelClear = options.levelClearM ?? 0.05;
  }

  /** One observation in; the firings it opens or clears out. Unknown stations give nothing. */
  observe(o: Observation): FiringChange[] {
    const station = this.byCode.get(o.station);
    if (!station) return [];
    const t = Date.parse(o.time);
    this.lastSeen.set(o.station, Math.max(this.lastSeen.get(o.station) ?? -Infinity, t));
    let crossings: Crossing[];
    let at: number;
    if (o.element === 'rain') {
      this.rain.add(o);
      at = this.rain.newest(o.station) ?? t;
      crossings = this.rainCrossings(station, at);
    } else {
      const series = this.levels.get(o.station) ?? [];
      this.levels.set(o.station, series);
      insertByTime(series, { t, value: o.value });
      while ((series[0]?.t ?? Infinity) < (series[series.length - 1]?.t ?? 0) - 3 * 3_600_000)
        series.shift();
      const newest = series[series.length - 1];
      if (!newest) return [];
      at = newest.t;
      crossings =
        o.element === 'depth'
          ? this.depthCrossings(station, newest.value)
          : this.levelCrossings(station, series);
    }
    return this.settle(station, crossings, new Date(at).toISOString());
  }

  /** Stations whose last report is older than `minutes` at `now` (ms), with that time. */
  silent(now: number, minutes = 30): { station: Station; lastAt: string | null }[] {
    return [...this.byCode.values()].flatMap((station) => {
      const last = this.lastSeen.get(station.code);
      if (last !== undefined && last >= now - minutes * 60_000) return [];
      return [{ station, lastAt: last === undefined ? null : new Date(last).toISOString() }];
    });
  }

  /**
   * Which way a station is going, per hour: for a gauge the rain of its last hour (mm), for a
   * level or a depth its rate over about the last hour (m/h); null when the series is too short.
   */
  trend(code: string): number | null {
    const newestRain = this.rain.newest(code);
    if (newestRain !== null) return this.rain.sum(code, 1, newestRain);
    const series = this.levels.get(code) ?? [];
    const newest = series[series.length - 1];
    if (!newest) return null;
    const before = nearest(series, newest.t - 3_600_000);
    if (!before || newest.t - before.t < 30 * 60_000 || newest.t - before.t > 90 * 60_000)
      return null;
    return (
      Math.round(((newest.value - before.value) / (newest.t - before.t)) * 3_600_000_000) / 1000
    );
  }

  /** What a station last said: when, its newest level or depth, its rain over 1 h and 24 h. */
  reading(code: string): StationReading | null {
    const last = this.lastSeen.get(code);
    if (last === undefined) return null;
    const newestRain = this.rain.newest(code);
    const level = this.levels.get(code)?.at(-1);
    return {
      lastAt: new Date(last).toISOString(),
      ...(level ? { value: level.value } : {}),
      ...(newestRain !== null
        ? {
            rain1h: this.rain.sum(code, 1, newestRain),
            rain24h: this.rain.sum(code, 24, newestRain),
          }
        : {}),
    };
  }

  /** What is open now. */
  openFirings(): FiringChange[] {
    return [...this.open.values()].map((o) => o.change);
  }

  private settle(station: Station, crossings: Crossing[], at: string): FiringChange[] {
    const changes: FiringChange[] = [];
    for (const c of crossings) {
      const key = `${c.key}|${station.id}|${c.villageCode ?? ''}`;
      const was = this.open.get(key);
      const change: FiringChange = {
        change: 'open',
        rule: c.rule,
        station,
        ...(c.villageCode ? { villageCode: c.villageCode } : {}),
        value: c.value,
        threshold: c.threshold,
        unit: c.unit,
        ...(c.windowH ? { windowH: c.windowH } : {}),
        at,
      };
      if (!was && c.value >= c.threshold) {
        this.open.set(key, { change });
        changes.push(change);
      } else if (was && c.value < c.clearBelow) {
        this.open.delete(key);
        changes.push({ ...change, change: 'clear' });
      }
    }
    return changes;
  }

  private rainCrossings(station: Station, at: number): Crossing[] {
    const out: Crossing[] = [];
    // Each window is summed once per observation, however many rules and villages read it.
    const sums = new Map<number, number>();
    const sum = (hours: number) => {
      let mm = sums.get(hours);
      if (mm === undefined) sums.set(hours, (mm = this.rain.sum(station.code, hours, at)));
      return mm;
    };
    for (const rule of this.rules) {
      if (rule.kind === 'rain') {
        const value = sum(rule.windowH);
        out.push({
          key: rule.id,
          rule,
          value,
          threshold: rule.mm,
          clearBelow: rule.mm * this.rainClear,
          unit: 'mm',
          windowH: rule.windowH,
        });
      } else if (rule.kind === 'village')
        for (const w of station.watches ?? []) {
          const thresholds: RainThresholds = rule.stage === 'prepare' ? w.prepare : w.evacuate;
          // The window nearest its threshold speaks for the village.
          let best: Crossing | null = null;
          for (const [k, hours] of WINDOWS) {
            const threshold = thresholds[k];
            if (threshold === undefined) continue;
            const value = sum(hours);
            if (!best || value / threshold > best.value / best.threshold)
              best = {
                key: rule.id,
                rule,
                villageCode: w.villageCode,
                value,
                threshold,
                clearBelow: threshold * this.rainClear,
                unit: 'mm',
                windowH: hours,
              };
          }
          if (best) out.push(best);
        }
    }
    return out;
  }

  private levelCrossings(
    station: Station,
    series: readonly { t: number; value: number }[],
  ): Crossing[] {
    const newest = series[series.length - 1];
    if (!newest) return [];
    const out: Crossing[] = [];
    for (const rule of this.rules) {
      if (rule.kind === 'level') {
        const threshold = station.levels?.[rule.over];
        if (threshold === undefined) continue;
        out.push({
          key: rule.id,
          rule,
          value: newest.value,
          threshold,
          clearBelow: threshold - this.levelClear,
          unit: 'm',
        });
      } else if (rule.kind === 'rise') {
        // Against the reading nearest an hour before, if there is one 30–90 minutes back.
        const hourAgo = nearest(series, newest.t - 3_600_000);
        if (!hourAgo || newest.t - hourAgo.t < 30 * 60_000 || newest.t - hourAgo.t > 90 * 60_000)
          continue;
        const rate = ((newest.value - hourAgo.value) / (newest.t - hourAgo.t)) * 3_600_000;
        out.push({
          key: rule.id,
          rule,
          value: Math.round(rate * 1000) / 1000,
          threshold: rule.metresPerHour,
          clearBelow: rule.metresPerHour / 2,
          unit: 'm/h',
        });
      }
    }
    return out;
  }

  private depthCrossings(station: Station, depth: number): Crossing[] {
    const threshold = station.depthAlarmM;
    if (threshold === undefined) return [];
    return this.rules.flatMap((rule) =>
      rule.kind === 'depth'
        ? [
            {
              key: rule.id,
              rule,
              value: depth,
              threshold,
              clearBelow: threshold - this.levelClear,
              unit: 'm' as const,
            },
          ]
        : [],
    );
  }
}

function insertByTime(
  series: { t: number; value: number }[],
  p: { t: number; value: number },
): void {
  let at = series.length;
  while (at > 0 && (series[at - 1]?.t ?? 0) > p.t) at--;
  if (series[at - 1]?.t === p.t) series[at - 1] = p;
  else series.splice(at, 0, p);
}

function nearest<T extends { t: number }>(series: readonly T[], t: number): T | undefined {
  let best: T | undefined;
  for (const p of series) if (!best || Math.abs(p.t - t) < Math.abs(best.t - t)) best = p;
  return best;
}
