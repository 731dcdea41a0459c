import type {
  AuditEntry,
  AuditQuery,
  EventEnvelope,
  NewAuditEntry,
  ScenarioId,
} from '../../shared/protocol/index.ts';
import type { Checkpoint } from './checkpoints.ts';

export interface StoredEvent {
  seq: number;
  time: string;
  scenario: ScenarioId;
  type: string;
  payload: unknown;
}

/**
 * A command's record, committed with its events: its idempotency key and what it answers —
 * `{ ok: true, data: { seq: <its last event's seq>, id? } }` — so a retry after a crash anywhere
 * past the commit is answered, never applied again.
 */
export interface CommandRecord {
  key: string;
  /** The id the command made (a created incident), if any. */
  id?: string;
}

/**
 * Where the gateway's events live: one gap-free sequence, appended durably before anything is
 * broadcast. A single gateway keeps it in an SQLite file; several gateways behind a load
 * balancer share it in Redis, so `seq` stays global across nodes.
 */
export interface EventStore {
  /**
   * The log's identity: a random id made with the log and kept with it. Another id means another
   * log (the file deleted, another Redis): whatever a reader holds from the old one is void.
   */
  readonly logId: string;
  /**
   * Appends (committed when the promise resolves) and returns the event with its seq. A fenced
   * append is refused (FencedError) unless its holder has the lease now; a store that only one
   * process writes has nothing to fence and ignores it.
   */
  append(e: Omit<EventEnvelope, 'seq'>, how?: AppendOptions): Promise<StoredEvent>;
  /**
   * Appends events of one scenario, and a command's record, in one commit (one SQLite
   * transaction, one Redis script): all of them or none, the record with them.
   */
  appendAll(
    events: readonly Omit<EventEnvelope, 'seq'>[],
    how?: AppendOptions,
  ): Promise<StoredEvent[]>;
  /** Events after `seq`, oldest first, at most `limit`. */
  since(seq: number, limit?: number): Promise<StoredEvent[]>;
  /**
   * One scenario's events after `seq`, oldest first, at most `limit`, by an index (a quiet
   * jurisdiction's gap is read without scanning the others' events). A store without one leaves
   * it out and the caller filters `since`.
   */
  sinceIn?(scenario: ScenarioId, seq: number, limit: number): Promise<StoredEvent[]>;
  /** Sequence numbers held: [first, last], or [0, 0] when empty. */
  bounds(): Promise<{ first: number; last: number }>;
  /**
   * Calls `listener` with every event after `after`, in seq order, whichever node appended it,
   * until the store is closed; and `rewound` with the log's newest seq when the log is found to
   * have gone back past what was followed (a shared store restored from an older snapshot), the
   * following going on from there.
   */
  follow(after: number, listener: (e: StoredEvent) => void, rewound?: (last: number) => void): void;
  /** The result of a command by its idempotency key, if it was executed before. */
  recall(key: string): Promise<unknown>;
  /** Appends to the audit log (append-only: there is no way to change or remove a line). */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** Newest first, filtered. */
  readAudit(query: Omit<AuditQuery, 'format'>): Promise<AuditEntry[]>;
  /** Keeps a checkpoint of a scenario's live state (one per scenario and seq; repeats ignored). */
  saveCheckpoint(c: Checkpoint): Promise<void>;
  /** The newest checkpoint of `version` taken at or before `atMs`, if any. */
  checkpointAt(scenario: ScenarioId, atMs: number, version: number): Promise<Checkpoint | null>;
  /**
   * Applies the retention policy (see log-retention.ts) to what is older than it allows; what
   * it dropped. A store that keeps nothing unbounded leaves it out.
   */
  compact?(policy: RetentionPolicy, nowMs: number): Promise<Compacted>;
  /** What the log takes on disk (or in memory), for /metrics. */
  size?(): Promise<LogSize>;
  /** A tiny write, to learn whether the log takes writes again after it was full. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

/** How long the log keeps what, by age (ms); see log-retention.ts for the defaults and why. */
export interface RetentionPolicy {
  /** `team:move` older than this is thinned to the last fix per team per `telemetryEveryMs`. */
  telemetryAfterMs: number;
  telemetryEveryMs: number;
  /** Checkpoints older than these are thinned to one an hour, then one a day. */
  hourlyCheckpointsAfterMs: number;
  dailyCheckpointsAfterMs: number;
  /** Command records (idempotency) older than this are dropped: no client retries that late. */
  commandsAfterMs: number;
}

/** What one retention pass dropped. */
export interface Compacted {
  telemetry: number;
  checkpoints: number;
  commands: number;
}

export interface LogSize {
  /** Bytes the log takes: the file with its write-ahead log, or Redis's keys. */
  bytes: number;
  /** Of those, bytes free for reuse (pages a retention pass released). */
  freeBytes: number;
}

/**
 * The log cannot take another write: the disk (or EVENT_DB_MAX_MB, or Redis's maxmemory) is
 * full. Nothing was stored; what was stored before is intact, and writes succeed again once
 * there is room.
 */
export class LogFullError extends Error {
  constructor(detail: string) {
    super(
      `the event log is full (${detail}): nothing was stored; it takes writes again once space is freed`,
    );
    this.name = 'LogFullError';
  }
}

export function isLogFull(e: unknown): e is LogFullError {
  return e instanceof LogFullError;
}

/** How an append is taken. */
export interface AppendOptions {
  /** The command whose events these are: its record is committed with them. */
  command?: CommandRecord | undefined;
  /** A leased job's: taken only while its holder has the lease. */
  fence?: Fence | undefined;
  /**
   * Decided on the scenario as of this version (see `decisionVersion`): refused with a
   * ConflictError when another event that could change the decision was appended since — by
   * another node, scaled out. The caller catches up and decides again.
   */
  expect?: number | undefined;
}

/**
 * Events a decision never reads (where a team is, not whether it is free): they do not move a
 * scenario's decision version, so a stream of GPS fixes does not make every command conflict.
 */
export const TELEMETRY_TYPES: ReadonlySet<string> = new Set(['team:move']);

/** A scenario's decision version after `events`: the seq of its last non-telemetry event. */
export function decisionVersion(
  events: readonly { seq: number; type: string }[],
  before: number,
): number {
  let v = before;
  for (const e of events) if (!TELEMETRY_TYPES.has(e.type)) v = e.seq;
  return v;
}

/** The scenario changed since the decision (`version` is its decision version now). */
export class ConflictError extends Error {
  constructor(readonly version: number) {
    super(`the jurisdiction changed while this was decided (now at ${version}): decide again`);
    this.name = 'ConflictError';
  }
}

/** A leased job's appends: taken only while `holder` has the lease at `key` (see redis-scripts.ts). */
export interface Fence {
  key: string;
  holder: string;
}

/** A fenced append whose holder no longer has the lease: nothing was stored. */
export class FencedError extends Error {
  constructor(detail: string) {
    super(`not stored: this node lost its lease (${detail}); the job runs on another node now`);
    this.name = 'FencedError';
  }
}

/** How long a command's record answers its retries: far longer than any client retries. */
export const COMMAND_WINDOW_MS = 7 * 86_400_000;

/** Whether an audit line passes a query's filters. */
export function matches(e: AuditEntry, q: Omit<AuditQuery, 'format' | 'limit'>): boolean {
  return (
    (!q.command || e.command === q.command) &&
    (!q.subject || e.subject === q.subject) &&
    (!q.outcome || e.outcome === q.outcome)
  );
}
