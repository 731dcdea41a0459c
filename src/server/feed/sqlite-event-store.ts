import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';

import type {
  AuditEntry,
  AuditQuery,
  EventEnvelope,
  NewAuditEntry,
  ScenarioId,
} from '../../shared/protocol/index.ts';
import type { Checkpoint } from './checkpoints.ts';
import {
  ConflictError,
  decisionVersion,
  LogFullError,
  matches,
  TELEMETRY_TYPES,
  type AppendOptions,
  type Compacted,
  type EventStore,
  type LogSize,
  type RetentionPolicy,
  type StoredEvent,
} from './event-store.ts';
import { checkpointsToDrop } from './log-retention.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

/**
 * The gateway's append-only event log: an SQLite file in WAL mode. An event is written (and
 * committed) before it is broadcast, so a client that saw it can always get it again, and a
 * `kill -9` loses nothing that was acknowledged. `seq` is SQLite's rowid: monotonic, gap-free.
 */
export class SqliteEventStore implements EventStore {
  private listener: ((e: StoredEvent) => void) | null = null;
  private readonly versions = new Map<ScenarioId, number>();
  private checkpointer: WalCheckpointer | null = null;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly after: Database.Statement<
    [number, number],
    { seq: number; time: string; scenario: string; type: string; payload: string }
  >;
  private readonly range: Database.Statement<[], { first: number | null; last: number | null }>;
  readonly logId: string;
  private readonly rememberCommand: Database.Statement<[string, string, number]>;
  private readonly afterIn: Database.Statement<
    [string, number, number],
    { seq: number; time: string; scenario: string; type: string; payload: string }
  >;

  constructor(
    private readonly path: string,
    /**
     * The most the file may take (EVENT_DB_MAX_MB): past it a write fails as on a full disk,
     * so the log cannot crowd out the rest of the machine; retention makes room inside it.
     */
    maxBytes?: number,
  ) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // A process crash (kill -9) cannot lose committed WAL frames; only an OS crash could, and
    // FULL would cost a fsync per event.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      time TEXT NOT NULL,
      scenario TEXT NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL
    )`);
    // Results of commands by idempotency key: a retried command is answered, not applied again,
    // even across a restart.
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS commands (key TEXT PRIMARY KEY, result TEXT NOT NULL, at_ms INTEGER NOT NULL DEFAULT 0)',
    );
    this.migrateCommands();
    // The audit log refuses changes at the database itself, not only in this code.
    this.db.exec(`CREATE TABLE IF NOT EXISTS audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      entry TEXT NOT NULL
    );
    CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
    // Checkpoints of each scenario's live state (see checkpoints.ts).
    this.db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
      scenario TEXT NOT NULL,
      seq INTEGER NOT NULL,
      time_ms INTEGER NOT NULL,
      version INTEGER NOT NULL,
      body BLOB NOT NULL,
      PRIMARY KEY (scenario, seq)
    )`);
    // The log's identity, made with the file (a restored backup keeps its own).
    this.db.exec('CREATE TABLE IF NOT EXISTS log_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.db
      .prepare("INSERT OR IGNORE INTO log_meta (key, value) VALUES ('log-id', ?)")
      .run(randomUUID());
    this.logId = (
      this.db.prepare("SELECT value FROM log_meta WHERE key = 'log-id'").get() as { value: string }
    ).value;
    this.insert = this.db.prepare(
      'INSERT INTO events (time, scenario, type, payload) VALUES (?, ?, ?, ?)',
    );
    this.rememberCommand = this.db.prepare(
      'INSERT OR REPLACE INTO commands (key, result, at_ms) VALUES (?, ?, ?)',
    );
    this.after = this.db.prepare(
      'SELECT seq, time, scenario, type, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    // Two subqueries, not MIN and MAX in one: SQLite reads a lone MIN or MAX of the rowid from
    // the b-tree's edge, but both together scan every row (~100 ms at a million events).
    this.range = this.db.prepare(
      'SELECT (SELECT MIN(seq) FROM events) AS first, (SELECT MAX(seq) FROM events) AS last',
    );
    // A scenario's gap read by index, not by scanning every scenario's events after it.
    this.db.exec('CREATE INDEX IF NOT EXISTS events_by_scenario ON events (scenario, seq)');
    this.afterIn = this.db.prepare(
      'SELECT seq, time, scenario, type, payload FROM events WHERE scenario = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    if (maxBytes !== undefined) {
      const pageSize = Number(this.db.pragma('page_size', { simple: true }));
      this.db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
    }
    if (path !== ':memory:' && !path.startsWith('file::memory:')) {
      // Checkpoints move to a worker thread (see wal-checkpointer.ts).
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(path);
    }
  }

  /** The record table of a log made before records had a time: they count from now. */
  private migrateCommands(): void {
    const columns = this.db.pragma('table_info(commands)') as { name: string }[];
    if (!columns.some((c) => c.name === 'at_ms')) {
      this.db.exec('ALTER TABLE commands ADD COLUMN at_ms INTEGER NOT NULL DEFAULT 0');
      this.db.prepare('UPDATE commands SET at_ms = ?').run(Date.now());
    }
    this.db.exec('CREATE INDEX IF NOT EXISTS commands_by_time ON commands (at_ms)');
  }

  /** A write, with a full disk or quota said as such (see LogFullError). */
  private writing<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_FULL')
        throw new LogFullError('no space left for the SQLite file');
      throw error;
    }
  }

  // The writers below are async so that a refused write (a full log) is a rejection, never a
  // throw out of a function that returns a promise.
  async append(e: Omit<EventEnvelope, 'seq'>, how: AppendOptions = {}): Promise<StoredEvent> {
    const [event] = this.appendAllNow([e], how);
    if (!event) throw new Error('unreachable: one event appended');
    return event;
  }

  /**
   * Appends and commits synchronously, then hands the event to the follower before returning:
   * with one process and one file, the order of appends is the order of application.
   */
  appendNow(e: Omit<EventEnvelope, 'seq'>): StoredEvent {
    const [event] = this.appendAllNow([e]);
    if (!event) throw new Error('unreachable: one event appended');
    return event;
  }

  async appendAll(
    events: readonly Omit<EventEnvelope, 'seq'>[],
    how: AppendOptions = {},
  ): Promise<StoredEvent[]> {
    return this.appendAllNow(events, how);
  }

  /**
   * A scenario's decision version (see AppendOptions.expect): kept as this process appends —
   * it is the log's only writer — and read from the log the first time it is asked for.
   */
  private versionOf(scenario: ScenarioId): number {
    let v = this.versions.get(scenario);
    if (v === undefined) {
      const types = [...TELEMETRY_TYPES];
      const row = this.db
        .prepare<
          unknown[],
          { seq: number | null }
        >(`SELECT MAX(seq) AS seq FROM events WHERE scenario = ? AND type NOT IN (${types.map(() => '?').join(', ')})`)
        .get(scenario, ...types);
      v = row?.seq ?? 0;
      this.versions.set(scenario, v);
    }
    return v;
  }

  /**
   * The events and the command's record in one transaction; the follower gets them once it is
   * committed (never an event the log might not keep). (A fence needs no check here: one
   * process writes the file.)
   */
  appendAllNow(
    events: readonly Omit<EventEnvelope, 'seq'>[],
    { command, expect }: AppendOptions = {},
  ): StoredEvent[] {
    const scenario = events[0]?.scenario;
    if (expect !== undefined && scenario !== undefined) {
      const now = this.versionOf(scenario);
      if (now !== expect) throw new ConflictError(now);
    }
    const stored = this.writing(() =>
      this.db.transaction(() => {
        const out = events.map((e): StoredEvent => {
          const info = this.insert.run(e.time, e.scenario, e.type, JSON.stringify(e.payload));
          return { ...e, seq: Number(info.lastInsertRowid) };
        });
        const last = out[out.length - 1];
        if (command && last)
          this.rememberCommand.run(
            command.key,
            JSON.stringify({
              ok: true,
              data: { seq: last.seq, ...(command.id ? { id: command.id } : {}) },
            }),
            Date.now(),
          );
        return out;
      })(),
    );
    if (scenario !== undefined)
      this.versions.set(scenario, decisionVersion(stored, this.versionOf(scenario)));
    for (const e of stored) this.listener?.(e);
    return stored;
  }

  follow(after: number, listener: (e: StoredEvent) => void): void {
    for (let batch = this.sinceNow(after); batch.length > 0; ) {
      for (const e of batch) listener(e);
      batch = this.sinceNow(batch[batch.length - 1]?.seq ?? after);
    }
    this.listener = listener;
  }

  since(seq: number, limit = 10_000): Promise<StoredEvent[]> {
    return Promise.resolve(this.sinceNow(seq, limit));
  }

  sinceNow(seq: number, limit = 10_000): StoredEvent[] {
    return this.after.all(seq, limit).map(storedOf);
  }

  sinceIn(scenario: ScenarioId, seq: number, limit: number): Promise<StoredEvent[]> {
    return Promise.resolve(this.afterIn.all(scenario, seq, limit).map(storedOf));
  }

  bounds(): Promise<{ first: number; last: number }> {
    return Promise.resolve(this.boundsNow());
  }

  boundsNow(): { first: number; last: number } {
    const r = this.range.get();
    return { first: r?.first ?? 0, last: r?.last ?? 0 };
  }

  /** Drops events older than `keep` most recent (a client that far behind refetches). */
  prune(keep: number): void {
    const { last } = this.boundsNow();
    this.db.prepare('DELETE FROM events WHERE seq <= ?').run(last - keep);
  }

  async saveCheckpoint(c: Checkpoint): Promise<void> {
    this.writing(() =>
      this.db
        .prepare(
          'INSERT OR IGNORE INTO checkpoints (scenario, seq, time_ms, version, body) VALUES (?, ?, ?, ?, ?)',
        )
        .run(c.scenario, c.seq, c.timeMs, c.version, c.body),
    );
  }

  checkpointAt(scenario: ScenarioId, atMs: number, version: number): Promise<Checkpoint | null> {
    const row = this.db
      .prepare<
        [string, number, number],
        { seq: number; time_ms: number; version: number; body: Buffer }
      >(
        `SELECT seq, time_ms, version, body FROM checkpoints
         WHERE scenario = ? AND version = ? AND time_ms <= ? ORDER BY seq DESC LIMIT 1`,
      )
      .get(scenario, version, Math.min(atMs, Number.MAX_SAFE_INTEGER));
    return Promise.resolve(
      row
        ? { scenario, seq: row.seq, timeMs: row.time_ms, version: row.version, body: row.body }
        : null,
    );
  }

  recall(key: string): Promise<unknown> {
    const row = this.db
      .prepare<[string], { result: string }>('SELECT result FROM commands WHERE key = ?')
      .get(key);
    return Promise.resolve(row ? (JSON.parse(row.result) as unknown) : undefined);
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    this.writing(() =>
      this.db.prepare('INSERT INTO audit (entry) VALUES (?)').run(JSON.stringify(entry)),
    );
  }

  /**
   * Writes (and commits) then removes a block the size of a large command, so it needs free
   * pages as a real write does — a rewrite of a row in place would pass on a full disk.
   */
  async probe(): Promise<void> {
    this.writing(() => {
      this.db
        .prepare("INSERT OR REPLACE INTO log_meta (key, value) VALUES ('probe', ?)")
        .run('x'.repeat(64 * 1024));
      this.db.prepare("DELETE FROM log_meta WHERE key = 'probe'").run();
    });
  }

  size(): Promise<LogSize> {
    const pageSize = Number(this.db.pragma('page_size', { simple: true }));
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    const free = Number(this.db.pragma('freelist_count', { simple: true }));
    let wal = 0;
    try {
      wal = statSync(`${this.path}-wal`).size;
    } catch {
      // In memory, or no write-ahead log yet.
    }
    return Promise.resolve({ bytes: pages * pageSize + wal, freeBytes: free * pageSize });
  }

  /**
   * One retention pass (see log-retention.ts), in chunks of the log with the event loop let go
   * between them: telemetry thinned from where the last pass stopped up to the policy's age,
   * checkpoints thinned, old command records dropped.
   */
  async compact(policy: RetentionPolicy, nowMs: number): Promise<Compacted> {
    const telemetry = await this.thinTelemetry(policy, nowMs);
    const refs = this.db
      .prepare<
        [],
        { scenario: string; seq: number; time_ms: number; version: number }
      >('SELECT scenario, seq, time_ms, version FROM checkpoints')
      .all();
    let checkpoints = 0;
    const byScenario = new Map<string, typeof refs>();
    for (const r of refs) {
      const list = byScenario.get(r.scenario);
      if (list) list.push(r);
      else byScenario.set(r.scenario, [r]);
    }
    const dropCheckpoint = this.db.prepare(
      'DELETE FROM checkpoints WHERE scenario = ? AND seq = ?',
    );
    for (const [scenario, list] of byScenario) {
      const drop = checkpointsToDrop(
        list.map((r) => ({ version: r.version, seq: r.seq, timeMs: r.time_ms })),
        nowMs,
        policy,
      );
      this.db.transaction(() => {
        for (const r of drop) dropCheckpoint.run(scenario, r.seq);
      })();
      checkpoints += drop.length;
    }
    const commands = this.db
      .prepare('DELETE FROM commands WHERE at_ms < ?')
      .run(nowMs - policy.commandsAfterMs).changes;
    return { telemetry, checkpoints, commands };
  }

  /**
   * `team:move` older than the policy's age thinned to the last fix of each team in each
   * `telemetryEveryMs`. Passes stop at a whole bucket, and the fix kept for a bucket is carried
   * across chunks, so a bucket never keeps two. Where a pass stopped is kept in the file.
   */
  private async thinTelemetry(policy: RetentionPolicy, nowMs: number): Promise<number> {
    const every = policy.telemetryEveryMs;
    const cutoff = new Date(
      Math.floor((nowMs - policy.telemetryAfterMs) / every) * every,
    ).toISOString();
    const meta = this.db.prepare<[], { value: string }>(
      "SELECT value FROM log_meta WHERE key = 'telemetry-thinned'",
    );
    let done = Number(meta.get()?.value ?? 0);
    const chunk = this.db.prepare<
      [number, number],
      { seq: number; time: string; scenario: string; type: string; team: string | null }
    >(
      `SELECT seq, time, scenario, type,
         CASE WHEN type = 'team:move' THEN json_extract(payload, '$.id') END AS team
       FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
    const drop = this.db.prepare('DELETE FROM events WHERE seq = ?');
    const mark = this.db.prepare(
      "INSERT OR REPLACE INTO log_meta (key, value) VALUES ('telemetry-thinned', ?)",
    );
    // Per team, the fix kept so far for its current bucket (bounded by the number of teams).
    const kept = new Map<string, { bucket: number; seq: number }>();
    let dropped = 0;
    for (;;) {
      const rows = chunk.all(done, THIN_CHUNK);
      const gone: number[] = [];
      let reached = false;
      let last = done;
      for (const r of rows) {
        if (r.time >= cutoff) {
          reached = true;
          break;
        }
        last = r.seq;
        if (r.type !== 'team:move' || r.team === null) continue;
        const key = `${r.scenario}\u0000${r.team}`;
        const bucket = Math.floor(Date.parse(r.time) / every);
        const held = kept.get(key);
        if (held?.bucket === bucket) gone.push(held.seq);
        kept.set(key, { bucket, seq: r.seq });
      }
      this.db.transaction(() => {
        for (const seq of gone) drop.run(seq);
        mark.run(String(last));
      })();
      dropped += gone.length;
      done = last;
      if (reached || rows.length < THIN_CHUNK) return dropped;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  readAudit(query: Omit<AuditQuery, 'format'>): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    const rows = this.db
      .prepare<[], { id: number; entry: string }>('SELECT id, entry FROM audit ORDER BY id DESC')
      .iterate();
    for (const row of rows) {
      const e = { id: row.id, ...(JSON.parse(row.entry) as NewAuditEntry) };
      if (matches(e, query)) out.push(e);
      if (out.length >= query.limit) break;
    }
    return Promise.resolve(out);
  }

  async close(): Promise<void> {
    this.listener = null;
    await this.checkpointer?.stop();
    this.db.close();
  }
}

/**
 * Rows a retention pass reads between two turns of the event loop: a few milliseconds each, so
 * the live feed is not held while a long log is thinned.
 */
const THIN_CHUNK = 2_000;

/** A row of the events table as the store hands it out. */
function storedOf(r: {
  seq: number;
  time: string;
  scenario: string;
  type: string;
  payload: string;
}): StoredEvent {
  return {
    seq: r.seq,
    time: r.time,
    scenario: r.scenario,
    type: r.type,
    payload: JSON.parse(r.payload) as unknown,
  };
}
