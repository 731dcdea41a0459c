import {
  pondedDepth,
  rainBetween,
  intensity,
  Runoff,
  stormOver,
  type Storm,
} from '../../shared/hydro/storm.ts';
import { Rng } from '../../shared/random.ts';
import type { Observation, ScenarioId, Station } from '../../shared/protocol/index.ts';

const STEP_MIN = 5;
const STEP_MS = STEP_MIN * 60_000;
const H = 3_600_000;

/** How far a river station's quiet level sits under 警戒, and how much each mm held lifts it. */
export const RIVER = { belowWarningM: 1.6, metresPerMm: 0.04, kHours: 3, lagMin: 60 } as const;
/** A reservoir's: under 汛限 at the start, and a slower, longer answer (its basin is bigger). */
export const RESERVOIR = { belowLimitM: 0.7, metresPerMm: 0.03, kHours: 12, lagMin: 120 } as const;

type Receive = (
  scenario: ScenarioId,
  o: readonly Observation[],
  channel: string,
) => Promise<number>;

interface Gauge {
  station: Station;
  /** For a river or reservoir: the gauges whose rain is its basin's. */
  basin: Station[];
  runoff?: Runoff;
  depth: number;
}

/**
 * The exercise's 水雨情: a storm cell drifting over the jurisdiction (see storm.ts), every station
 * reporting each 5 minutes of real time — gauges their rain, rivers and reservoirs a level that
 * answers the basin's rain late (a linear reservoir), street sensors the water ponding while the
 * rain outruns the drains. The storm began three and a half hours before the gateway started (near its peak): those
 * hours are reported at once, so the picture is in the middle of the event from the first
 * second; after it dies, the next one comes half a day after the first began. Observations go
 * through the same intake as an RTU's, so the rules fire on them exactly as on real ones.
 */
export class HydroSim {
  private readonly gauges: Gauge[];
  private storm: Storm;
  private reported: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly rng: Rng;

  constructor(
    private readonly receive: Receive,
    readonly scenario: ScenarioId,
    stations: readonly Station[],
    private readonly bbox: readonly [number, number, number, number],
    seed: number,
    private readonly now: () => number = Date.now,
    o: { leadHours?: number; backfillHours?: number } = {},
  ) {
    this.rng = new Rng(`${seed}:${scenario}:hydro`);
    const rain = stations.filter((s) => s.kind === 'rain');
    this.gauges = stations.map((station) => {
      const basin = nearest(rain, station, 3);
      const runoff =
        station.kind === 'river'
          ? new Runoff(RIVER.kHours, RIVER.lagMin)
          : station.kind === 'reservoir'
            ? new Runoff(RESERVOIR.kHours, RESERVOIR.lagMin)
            : undefined;
      return { station, basin, ...(runoff ? { runoff } : {}), depth: 0 };
    });
    const t0 = Math.floor(this.now() / STEP_MS) * STEP_MS;
    this.storm = this.nextStorm(t0 - (o.leadHours ?? 3.5) * H);
    this.reported = t0 - (o.backfillHours ?? 5) * H;
  }

  /** Reports the hours before now at once, then each 5 minutes as they pass. */
  start(onError: (e: unknown) => void = () => undefined): void {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      this.catchUp()
        .catch(onError)
        .finally(() => (busy = false));
    };
    tick();
    this.timer = setInterval(tick, 10_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Every 5-minute step up to now not reported yet, an hour's worth per batch. */
  async catchUp(): Promise<void> {
    const due = Math.floor(this.now() / STEP_MS) * STEP_MS;
    while (this.reported < due) {
      const batch: Observation[] = [];
      for (let k = 0; k < 12 && this.reported < due; k++) {
        this.reported += STEP_MS;
        batch.push(...this.step(this.reported));
      }
      await this.receive(this.scenario, batch, 'simulator');
    }
  }

  private nextStorm(start: number): Storm {
    return stormOver(this.bbox, start, {
      hours: 8,
      peakMmH: this.rng.range(55, 75),
      headingDeg: this.rng.range(45, 80),
    });
  }

  /** What every station reports for the 5 minutes ending at `t`. */
  private step(t: number): Observation[] {
    if (t > this.storm.start + 12 * H) this.storm = this.nextStorm(this.storm.start + 12 * H);
    const time = new Date(t).toISOString();
    const amounts = new Map<string, number>();
    const amount = (s: Station) => {
      let mm = amounts.get(s.id);
      if (mm === undefined) {
        // A tipping bucket's 0.1 mm steps; gauges differ a little from the field.
        mm =
          Math.round(
            rainBetween(this.storm, s.position, t - STEP_MS, t) * this.rng.range(0.9, 1.1) * 10,
          ) / 10;
        amounts.set(s.id, mm);
      }
      return mm;
    };
    return this.gauges.flatMap((g): Observation[] => {
      const s = g.station;
      if (s.kind === 'rain')
        return [{ station: s.code, element: 'rain', time, value: amount(s), periodMin: STEP_MIN }];
      if (s.kind === 'waterlogging') {
        g.depth = pondedDepth(g.depth, intensity(this.storm, s.position, t), STEP_MIN);
        return [
          { station: s.code, element: 'depth', time, value: Math.round(g.depth * 100) / 100 },
        ];
      }
      const basinMm = g.basin.length
        ? g.basin.reduce((n, b) => n + amount(b), 0) / g.basin.length
        : 0;
      const held = g.runoff?.step(t, basinMm, STEP_MIN) ?? 0;
      const level =
        s.kind === 'river'
          ? (s.levels?.warning ?? 0) - RIVER.belowWarningM + RIVER.metresPerMm * held
          : (s.levels?.floodLimit ?? 0) - RESERVOIR.belowLimitM + RESERVOIR.metresPerMm * held;
      return [{ station: s.code, element: 'level', time, value: Math.round(level * 100) / 100 }];
    });
  }
}

function nearest(gauges: readonly Station[], s: Station, n: number): Station[] {
  const d = (g: Station) =>
    (g.position[0] - s.position[0]) ** 2 + (g.position[1] - s.position[1]) ** 2;
  return [...gauges].sort((a, b) => d(a) - d(b)).slice(0, n);
}
