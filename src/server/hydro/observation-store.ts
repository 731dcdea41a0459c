import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Observation, ObservedElement, ScenarioId } from '../../shared/protocol/index.ts';

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
 * so an RTU that repeats a report it got no answer to stores it once.
 */
export class ObservationStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<
    [string, string, string, string, number, number, number]
  >;
  private readonly bySeries: Database.Statement<[string, string, number], Row>;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS observations (
      scenario TEXT NOT NULL, station TEXT NOT NULL, element TEXT NOT NULL,
      t INTEGER NOT NULL, period INTEGER NOT NULL, time TEXT NOT NULL, value REAL NOT NULL,
      PRIMARY KEY (scenario, station, element, t, period)) WITHOUT ROWID`);
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO observations (scenario, station, element, time, t, period, value)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.bySeries = this.db.prepare(
      `SELECT scenario, station, element, time, value, period FROM observations
       WHERE scenario = ? AND station = ? AND t >= ? ORDER BY t, element, period`,
    );
  }

  /** Stores observations in one transaction; answers how many were new. */
  add(scenario: ScenarioId, observations: readonly Observation[]): number {
    let added = 0;
    this.db.transaction(() => {
      for (const o of observations)
        added += this.insert.run(
          scenario,
          o.station,
          o.element,
          o.time,
          Date.parse(o.time),
          o.periodMin ?? 0,
          o.value,
        ).changes;
    })();
    return added;
  }

  /** A station's observations since a time, oldest first. */
  series(scenario: ScenarioId, station: string, sinceMs: number): StoredObservation[] {
    return this.bySeries.all(scenario, station, sinceMs).map((r) => ({
      scenario: r.scenario,
      station: r.station,
      element: r.element as ObservedElement,
      time: r.time,
      value: r.value,
      ...(r.period > 0 ? { periodMin: r.period } : {}),
    }));
  }

  close(): void {
    this.db.close();
  }
}
