import type {
  AuditEntry,
  AuditQuery,
  EventEnvelope,
  NewAuditEntry,
  ScenarioId,
} from '../../shared/protocol/index.ts';
import type { Checkpoint } from './checkpoints.ts';
import { APPEND_ALL } from './redis-scripts.ts';
import {
  decode,
  followStream,
  nameLog,
  newClient,
  REDIS_COMMAND_TIMEOUT_MS,
  seqOf,
  type Client,
  type Entry,
} from './redis-stream.ts';
import {
  COMMAND_WINDOW_MS,
  ConflictError,
  FencedError,
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
import { durabilityProblems, UnsafeRedisError, type RedisUnsafe } from './redis-checks.ts';

export interface RedisStoreOptions {
  url: string;
  /** Key prefix, so several deployments can share one Redis. */
  prefix?: string;
  /** Events kept in the stream (approximately); a client further behind refetches its snapshot. */
  maxLength?: number;
  /** A Redis that does not promise durability (see redis-checks.ts): refuse it, or warn. */
  unsafe?: RedisUnsafe;
  onError?: (error: Error) => void;
  /** Told the durability problems when `unsafe` is 'warn'. */
  onUnsafe?: (problems: readonly string[]) => void;
}

/**
 * The shared log of a scaled-out gateway: a Redis stream is both the log (replay, gap filling)
 * and the bus (every node tails it and broadcasts to its own clients). One stream gives one
 * order; a separate pub/sub adapter would be a second path that could overtake the log.
 */
export class RedisEventStore implements EventStore {
  private closed = false;
  private tail: Client | null = null;
  private subscriber: Client | null = null;

  private constructor(
    /**
     * The log's identity, kept in Redis beside the stream (see EventStore.logId); read again
     * when the log is found rewound (an empty Redis names a new log).
     */
    public logId: string,
    private readonly client: Client,
    private readonly keys: {
      logId: string;
      seq: string;
      stream: string;
      commands: string;
      lease: string;
      positions: string;
      audit: string;
      checkpoints: string;
      checkpointTimes: string;
      version: string;
    },
    private readonly options: RedisStoreOptions,
  ) {}

  static async open(options: RedisStoreOptions): Promise<RedisEventStore> {
    const client = newClient(options.url);
    client.on('error', (e: Error) => options.onError?.(e));
    await client.connect();
    const problems = durabilityProblems(
      await client.sendCommand<string>(['INFO', 'persistence']),
      await client.sendCommand<string>(['INFO', 'memory']),
    );
    if (problems.length > 0) {
      if ((options.unsafe ?? 'refuse') === 'refuse') {
        client.destroy();
        throw new UnsafeRedisError(problems);
      }
      options.onUnsafe?.(problems);
    }
    const prefix = options.prefix ?? 'onemap';
    const logId = await nameLog(client, `${prefix}:log-id`);
    return new RedisEventStore(
      logId,
      client,
      {
        logId: `${prefix}:log-id`,
        seq: `${prefix}:seq`,
        stream: `${prefix}:events`,
        commands: `${prefix}:command:`,
        lease: `${prefix}:lease:`,
        positions: `${prefix}:positions`,
        audit: `${prefix}:audit`,
        checkpoints: `${prefix}:checkpoint:`,
        checkpointTimes: `${prefix}:checkpoint-times:`,
        version: `${prefix}:version:`,
      },
      options,
    );
  }

  /**
   * A command on the store's connection, failed after REDIS_COMMAND_TIMEOUT_MS without an
   * answer. (The client's own timeout covers only commands not yet written; one written to a
   * paused Redis would wait for ever. Its late answer is dropped; the connection stays in step.)
   */
  private ask<T = unknown>(args: readonly string[]): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Redis did not answer ${args[0] ?? ''} within ${REDIS_COMMAND_TIMEOUT_MS} ms`,
            ),
          ),
        REDIS_COMMAND_TIMEOUT_MS,
      );
    });
    const asked = this.client.sendCommand<T>(args).catch((error: unknown) => {
      // At maxmemory with noeviction Redis refuses writes: the log is full, as a disk can be.
      if (error instanceof Error && error.message.includes('OOM'))
        throw new LogFullError('Redis is at its maxmemory');
      if (error instanceof Error && error.message.startsWith('FENCED'))
        throw new FencedError(error.message.slice('FENCED '.length));
      if (error instanceof Error && error.message.startsWith('CONFLICT'))
        throw new ConflictError(Number(error.message.slice('CONFLICT '.length)));
      throw error;
    });
    return Promise.race([asked, late]).finally(() => clearTimeout(timer));
  }

  /** One raw command on the store's connection (for the simulator's lease). */
  readonly send = (args: string[]): Promise<unknown> => this.ask(args);

  /** Key of a named lease under this deployment's prefix. */
  leaseKey(name: string): string {
    return this.keys.lease + name;
  }

  async append(e: Omit<EventEnvelope, 'seq'>, how: AppendOptions = {}): Promise<StoredEvent> {
    const [stored] = await this.appendAll([e], how);
    if (!stored) throw new Error('unreachable: one event appended');
    return stored;
  }

  async appendAll(
    events: readonly Omit<EventEnvelope, 'seq'>[],
    { command, fence, expect }: AppendOptions = {},
  ): Promise<StoredEvent[]> {
    const scenario = events[0]?.scenario ?? '';
    let relevant = 0;
    events.forEach((e, i) => {
      if (!TELEMETRY_TYPES.has(e.type)) relevant = i + 1;
    });
    const answer = command
      ? JSON.stringify({
          ok: true,
          data: { seq: '__SEQ__', ...(command.id ? { id: command.id } : {}) },
        })
      : '';
    const seqs = await this.ask<number[]>([
      'EVAL',
      APPEND_ALL,
      '5',
      this.keys.seq,
      this.keys.stream,
      this.keys.commands + (command?.key ?? ''),
      fence?.key ?? '',
      this.keys.version + scenario,
      String(this.options.maxLength ?? 200_000),
      answer,
      String(COMMAND_WINDOW_MS / 1000),
      fence?.holder ?? '',
      expect === undefined ? '' : String(expect),
      String(relevant),
      ...events.map((e) =>
        JSON.stringify({ time: e.time, scenario: e.scenario, type: e.type, payload: e.payload }),
      ),
    ]);
    return events.map((e, i) => ({ ...e, seq: Number(seqs[i]) }));
  }

  async since(seq: number, limit = 10_000): Promise<StoredEvent[]> {
    const entries = await this.ask<Entry[]>([
      'XRANGE',
      this.keys.stream,
      `${seq + 1}-0`,
      '+',
      'COUNT',
      String(limit),
    ]);
    return entries.map(decode);
  }

  async bounds(): Promise<{ first: number; last: number }> {
    const [first] = await this.ask<Entry[]>(['XRANGE', this.keys.stream, '-', '+', 'COUNT', '1']);
    const last = Number((await this.ask<string | null>(['GET', this.keys.seq])) ?? 0);
    return { first: first ? seqOf(first[0]) : 0, last };
  }

  follow(
    after: number,
    listener: (e: StoredEvent) => void,
    rewound: (last: number) => void = () => undefined,
  ): void {
    // A blocking XREAD holds its connection, so the tail gets one of its own.
    const tail = this.client.duplicate();
    tail.on('error', (e: Error) => this.options.onError?.(e));
    this.tail = tail;
    void followStream(tail, this.keys, after, {
      closed: () => this.closed,
      listener,
      rewound: (last, logId) => {
        this.logId = logId;
        rewound(last);
      },
      onError: (e) => this.options.onError?.(e),
    });
  }

  /**
   * Position frames between nodes: Redis pub/sub (fire and forget, like the frames themselves;
   * a client that subscribes gets a full frame from its node's latest positions anyway).
   */
  publishFrame(bytes: Uint8Array): void {
    void this.client
      .sendCommand([
        'PUBLISH',
        this.keys.positions,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      ])
      .catch((e: unknown) => this.options.onError?.(e as Error));
  }

  onFrames(listener: (bytes: Uint8Array) => void): void {
    const sub = this.client.duplicate();
    sub.on('error', (e: Error) => this.options.onError?.(e));
    this.subscriber = sub;
    void sub
      .connect()
      .then(() => sub.subscribe(this.keys.positions, (message) => listener(message), true))
      .catch((e: unknown) => this.options.onError?.(e as Error));
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    // A stream: entries get increasing ids and cannot be edited in place.
    await this.ask(['XADD', this.keys.audit, '*', 'e', JSON.stringify(entry)]);
  }

  async readAudit(query: Omit<AuditQuery, 'format'>): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    let end = '+';
    while (out.length < query.limit) {
      const page = await this.ask<Entry[]>([
        'XREVRANGE',
        this.keys.audit,
        end,
        '-',
        'COUNT',
        '1000',
      ]);
      for (const [id, fields] of page) {
        const [ms = '0', n = '0'] = id.split('-');
        const e = {
          id: Number(ms) * 1000 + Number(n),
          ...(JSON.parse(fields[1] ?? '{}') as NewAuditEntry),
        };
        if (matches(e, query) && out.length < query.limit) out.push(e);
      }
      const last = page.at(-1);
      if (!last || page.length < 1000) break;
      const [ms = '0', n = '0'] = last[0].split('-');
      end = Number(n) > 0 ? `${ms}-${Number(n) - 1}` : `${Number(ms) - 1}`;
    }
    return out;
  }

  async saveCheckpoint(c: Checkpoint): Promise<void> {
    // The body in a hash by seq, and an index by time; every node writes the same checkpoint
    // (their states are equal at a seq), so a repeat only overwrites it with itself.
    await this.ask([
      'HSET',
      this.keys.checkpoints + c.scenario,
      `${c.version}:${c.seq}`,
      c.body.toString('base64'),
    ]);
    await this.ask([
      'ZADD',
      this.keys.checkpointTimes + c.scenario,
      String(c.timeMs),
      `${c.version}:${c.seq}:${c.timeMs}`,
    ]);
  }

  async checkpointAt(
    scenario: ScenarioId,
    atMs: number,
    version: number,
  ): Promise<Checkpoint | null> {
    const newest = await this.ask<string[]>([
      'ZRANGE',
      this.keys.checkpointTimes + scenario,
      Number.isFinite(atMs) ? String(atMs) : '+inf',
      '-inf',
      'BYSCORE',
      'REV',
      'LIMIT',
      '0',
      '50',
    ]);
    const hit = newest
      .map((m) => m.split(':').map(Number))
      .filter(([v]) => v === version)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
    if (!hit) return null;
    const [, seq = 0, timeMs = 0] = hit;
    const body = await this.ask<string | null>([
      'HGET',
      this.keys.checkpoints + scenario,
      `${version}:${seq}`,
    ]);
    return body ? { scenario, seq, timeMs, version, body: Buffer.from(body, 'base64') } : null;
  }

  async probe(): Promise<void> {
    await this.ask(['SET', `${this.keys.lease}probe`, 'x'.repeat(64 * 1024), 'PX', '1000']);
  }

  async size(): Promise<LogSize> {
    const info = await this.ask<string>(['INFO', 'memory']);
    const used = /used_memory:(\d+)/.exec(info)?.[1];
    return { bytes: Number(used ?? 0), freeBytes: 0 };
  }

  /**
   * Telemetry and command records are bounded already here (the stream's MAXLEN, the records'
   * expiry): a pass thins the checkpoints.
   */
  async compact(policy: RetentionPolicy, nowMs: number): Promise<Compacted> {
    let checkpoints = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.ask<[string, string[]]>([
        'SCAN',
        cursor,
        'MATCH',
        `${this.keys.checkpointTimes}*`,
        'COUNT',
        '100',
      ]);
      cursor = next;
      for (const key of keys) {
        const scenario = key.slice(this.keys.checkpointTimes.length);
        const members = await this.ask<string[]>(['ZRANGE', key, '0', '-1']);
        const refs = members.map((m) => {
          const [version = 0, seq = 0, timeMs = 0] = m.split(':').map(Number);
          return { version, seq, timeMs, member: m };
        });
        const drop = checkpointsToDrop(refs, nowMs, policy);
        if (drop.length === 0) continue;
        await this.ask(['ZREM', key, ...drop.map((r) => r.member)]);
        await this.ask([
          'HDEL',
          this.keys.checkpoints + scenario,
          ...drop.map((r) => `${r.version}:${r.seq}`),
        ]);
        checkpoints += drop.length;
      }
    } while (cursor !== '0');
    return { telemetry: 0, checkpoints, commands: 0 };
  }

  async recall(key: string): Promise<unknown> {
    const value = await this.ask(['GET', this.keys.commands + key]);
    return typeof value === 'string' ? (JSON.parse(value) as unknown) : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.tail?.destroy();
    this.subscriber?.destroy();
    this.client.destroy();
    return Promise.resolve();
  }
}
