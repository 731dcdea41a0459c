import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DatastreamMap } from '../ingest/sensorthings.ts';
import {
  FiringMark,
  HydroRuleSet,
  type Firing,
  type HydroRule,
  type Observation,
  type ObservedElement,
  type ScenarioId,
} from '../../shared/protocol/index.ts';

/** One stored observation, as the read API answers it. */
export type StoredObservation = Observation & { scenario: ScenarioId };

interface Row {
  scenario: string;
  station: string;
  element: string;
  time: string;
  value: number;
  period: number;
}

/**
 * Observations from stations, in their own SQLite table rather than the event log: a thousand
 * gauges every 5 minutes are 300,000 rows a day, telemetry the log need not replay (rule
 * firings, which matter, go in the log). Keyed by scenario, station, element, time and period,
 * so an RTU that repeats a report it got no answer to stores it once; a corrected value replaces
 * the one it corrects.
 */
export class ObservationStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<
    [string, string, string, string, number, number, number]
  >;
  private readonly bySeries: Database.Statement<[string, string, number], Row>;
  private readonly byScenario: Database.Statement<[string, number], Row>;
  private readonly after: Database.Statement<[string, string, number], { n: number }>;
  private readonly putFiring: Database.Statement<[string, string, string, number, number, string]>;
  private readonly firingsOf: Database.Statement<[string, string, number], { mark: string }>;
  private readonly putStream: Database.Statement<[string, string, string]>;
  private readonly putRuleSet: Database.Statement<[string, string, string, string]>;
  private readonly ruleSetOf: Database.Statement<
    [string],
    { rules: string; by: string; at: string }
  >;
  private readonly streamOf: Database.Statement<[string, string], { map: string }>;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS observations (
      scenario TEXT NOT NULL, station TEXT NOT NULL, element TEXT NOT NULL,
      t INTEGER NOT NULL, period INTEGER NOT NULL, time TEXT NOT NULL, value REAL NOT NULL,
      PRIMARY KEY (scenario, station, element, t, period)) WITHOUT ROWID`);
    // Each firing's mark for the station's chart, replaced when it clears.
    this.db.exec(`CREATE TABLE IF NOT EXISTS firing_marks (
      scenario TEXT NOT NULL, station TEXT NOT NULL, id TEXT NOT NULL,
      opened INTEGER NOT NULL, cleared INTEGER NOT NULL, mark TEXT NOT NULL,
      PRIMARY KEY (scenario, station, id)) WITHOUT ROWID`);
    this.putFiring = this.db.prepare(
      `INSERT OR REPLACE INTO firing_marks (scenario, station, id, opened, cleared, mark)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.firingsOf = this.db.prepare(
      `SELECT mark FROM firing_marks WHERE scenario = ? AND station = ? AND cleared >= ?
       ORDER BY opened`,
    );
    // SensorThings Datastreams a feed registered: which station and element each one is.
    this.db.exec(`CREATE TABLE IF NOT EXISTS datastreams (
      scenario TEXT NOT NULL, id TEXT NOT NULL, map TEXT NOT NULL,
      PRIMARY KEY (scenario, id)) WITHOUT ROWID`);
    this.putStream = this.db.prepare(
      `INSERT OR REPLACE INTO datastreams (scenario, id, map) VALUES (?, ?, ?)`,
    );
    this.streamOf = this.db.prepare(`SELECT map FROM datastreams WHERE scenario = ? AND id = ?`);
    // Rules an admin edited, per jurisdiction (they outlive a restart and a data version).
    this.db.exec(`CREATE TABLE IF NOT EXISTS rule_sets (
      scenario TEXT PRIMARY KEY, rules TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL)`);
    this.putRuleSet = this.db.prepare(
      `INSERT OR REPLACE INTO rule_sets (scenario, rules, by, at) VALUES (?, ?, ?, ?)`,
    );
    this.ruleSetOf = this.db.prepare(`SELECT rules, by, at FROM rule_sets WHERE scenario = ?`);
    this.insert = this.db.prepare(
      `INSERT INTO observations (scenario, station, element, time, t, period, value)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET value = excluded.value, time = excluded.time
       WHERE value != excluded.value`,
    );
    this.bySeries = this.db.prepare(
      `SELECT scenario, station, element, time, value, period FROM observations
       WHERE scenario = ? AND station = ? AND t >= ? ORDER BY t, element, period`,
    );
    this.byScenario = this.db.prepare(
      `SELECT scenario, station, element, time, value, period FROM observations
       WHERE scenario = ? AND t >= ? ORDER BY t`,
    );
    this.after = this.db.prepare(
      `SELECT 1 AS n FROM observations WHERE scenario = ? AND station = ? AND t > ? LIMIT 1`,
    );
  }

  /**
   * Stores observations in one transaction; answers the ones it did not hold yet — new, or a
   * value that differs from the one held for the same time and period (a correction, which
   * replaces it). A plain repeat is not answered.
   */
  add(scenario: ScenarioId, observations: readonly Observation[]): Observation[] {
    const added: Observation[] = [];
    this.db.transaction(() => {
      for (const o of observations)
        if (
          this.insert.run(
            scenario,
            o.station,
            o.element,
            o.time,
            Date.parse(o.time),
            o.periodMin ?? 0,
            o.value,
          ).changes > 0
        )
          added.push(o);
    })();
    return added;
  }

  /** A station's observations since a time, oldest first. */
  series(scenario: ScenarioId, station: string, sinceMs: number): StoredObservation[] {
    return this.bySeries.all(scenario, station, sinceMs).map(toObservation);
  }

  /** Every station's observations since a time, oldest first (a restarted rules engine). */
  recent(scenario: ScenarioId, sinceMs: number): StoredObservation[] {
    return this.byScenario.all(scenario, sinceMs).map(toObservation);
  }

  /** Whether the station has reported anything after `time` (ISO). */
  reportedAfter(scenario: ScenarioId, station: string, time: string): boolean {
    return this.after.get(scenario, station, Date.parse(time)) !== undefined;
  }

  /** Keeps a firing's mark (as it opened, then as it cleared) for its station's chart. */
  mark(scenario: ScenarioId, f: Firing): void {
    const mark: FiringMark = {
      id: f.id,
      rule: f.rule,
      ruleName: f.ruleName,
      level: f.level,
      openedAt: f.openedAt,
      ...(f.clearedAt ? { clearedAt: f.clearedAt } : {}),
      value: f.value,
      threshold: f.threshold,
      unit: f.unit,
      ...(f.windowH ? { windowH: f.windowH } : {}),
    };
    const cleared = f.clearedAt ? Date.parse(f.clearedAt) : Number.MAX_SAFE_INTEGER;
    this.putFiring.run(
      scenario,
      f.stationCode,
      f.id,
      Date.parse(f.openedAt),
      cleared,
      JSON.stringify(mark),
    );
  }

  /** The station's firings open at some time since `sinceMs`, oldest first. */
  marks(scenario: ScenarioId, station: string, sinceMs: number): FiringMark[] {
    return this.firingsOf
      .all(scenario, station, sinceMs)
      .map((r) => FiringMark.parse(JSON.parse(r.mark)));
  }

  /** Keeps (or replaces) a feed's Datastream mapping. */
  putDatastream(scenario: ScenarioId, map: DatastreamMap): void {
    this.putStream.run(scenario, map.id, JSON.stringify(map));
  }

  datastream(scenario: ScenarioId, id: string): DatastreamMap | undefined {
    const row = this.streamOf.get(scenario, id);
    return row ? (JSON.parse(row.map) as DatastreamMap) : undefined;
  }

  /** An admin's rules for a jurisdiction. */
  putRules(scenario: ScenarioId, rules: readonly HydroRule[], by: string, at: string): void {
    this.putRuleSet.run(scenario, JSON.stringify(rules), by, at);
  }

  /** The rules an admin set for a jurisdiction, if any (checked again: the file is outside). */
  rules(scenario: ScenarioId): { rules: HydroRule[]; by: string; at: string } | undefined {
    const row = this.ruleSetOf.get(scenario);
    if (!row) return undefined;
    const parsed = HydroRuleSet.safeParse(JSON.parse(row.rules));
    return parsed.success ? { rules: parsed.data, by: row.by, at: row.at } : undefined;
  }

  close(): void {
    this.db.close();
  }
}

function toObservation(r: Row): StoredObservation {
  return {
    scenario: r.scenario,
    station: r.station,
    element: r.element as ObservedElement,
    time: r.time,
    value: r.value,
    ...(r.period > 0 ? { periodMin: r.period } : {}),
  };
}
