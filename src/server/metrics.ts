import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isKnownEventType } from '../shared/protocol/index.ts';

/**
 * Distinct (channel, reason) pairs counted one by one; past it a channel's new reasons are
 * counted as "other", so no input can grow the metrics without end (each pair is a time series).
 */
const MAX_REASONS = 1_000;
const HOUR = 3_600_000;

/** An event type as a metric label: one of the contract's, else "other" (a closed set). */
export function typeLabel(type: string): string {
  return isKnownEventType(type) ? type : 'other';
}

/**
 * The gateway's Prometheus metrics (GET /metrics) and the counts of what it refused, by channel
 * and reason (also in /api/health). One instance per gateway, so tests never share counters.
 */
export class Rejections {
  readonly registry = new Registry();
  private readonly counts = new Map<string, number>();
  private readonly rejected = new Counter({
    name: 'onemap_rejected_total',
    help: 'Inputs refused, by channel and reason',
    labelNames: ['channel', 'reason'],
    registers: [this.registry],
  });
  readonly eventsIn = new Counter({
    name: 'onemap_events_in_total',
    help: 'Events accepted into the log, by type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly eventsOut = new Counter({
    name: 'onemap_events_out_total',
    help: 'Event deliveries to connected clients',
    registers: [this.registry],
  });
  readonly positionsOut = new Counter({
    name: 'onemap_positions_out_total',
    help: 'Position updates delivered to connected clients (in binary frames)',
    registers: [this.registry],
  });
  readonly clients = new Gauge({
    name: 'onemap_clients',
    help: 'Connected socket.io clients',
    registers: [this.registry],
  });
  readonly seq = new Gauge({
    name: 'onemap_event_seq',
    help: 'Newest sequence number in the event log',
    registers: [this.registry],
  });
  readonly tiles = new Counter({
    name: 'onemap_tiles_total',
    help: 'Basemap tiles served by the tile proxy, by service and how (hit, miss, stale, failed)',
    labelNames: ['service', 'state'],
    registers: [this.registry],
  });
  readonly tileCacheBytes = new Gauge({
    name: 'onemap_tile_cache_bytes',
    help: 'Bytes held by the tile proxy’s disk cache',
    registers: [this.registry],
  });
  readonly observations = new Counter({
    name: 'onemap_observations_in_total',
    help: 'Station observations stored, by channel (sl651, sensorthings)',
    labelNames: ['channel'],
    registers: [this.registry],
  });
  readonly logBytes = new Gauge({
    name: 'onemap_log_bytes',
    help: 'Bytes the event log takes (SQLite file and write-ahead log, or Redis memory)',
    registers: [this.registry],
  });
  readonly logFreeBytes = new Gauge({
    name: 'onemap_log_free_bytes',
    help: 'Of those, bytes free for reuse (released by retention)',
    registers: [this.registry],
  });
  readonly logGrowth = new Gauge({
    name: 'onemap_log_growth_bytes_per_hour',
    help: 'How fast the event log grew over the last hour (of scrapes); negative after retention',
    registers: [this.registry],
  });
  readonly logWritable = new Gauge({
    name: 'onemap_log_writable',
    help: '1 while the event log takes writes, 0 while it is full',
    registers: [this.registry],
  });
  readonly logDropped = new Counter({
    name: 'onemap_log_dropped_total',
    help: 'Rows retention dropped from the log: telemetry fixes, checkpoints, command records',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  /** The log's size at past scrapes (within the last hour), for its growth. */
  private readonly sizes: { at: number; bytes: number }[] = [];
  readonly lag = new Histogram({
    name: 'onemap_ingest_lag_seconds',
    help: 'Age of an ingested report (its own timestamp) when it reached the gateway',
    buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 3600],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'onemap_' });
  }

  count(channel: string, given: string): void {
    let reason = given;
    let key = `${channel}: ${reason}`;
    if (!this.counts.has(key) && this.counts.size >= MAX_REASONS) {
      reason = 'other';
      key = `${channel}: other`;
    }
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.rejected.inc({ channel, reason });
  }

  /** The log's size now (at a scrape): the gauges, and its growth against an hour ago. */
  observeLog(bytes: number, freeBytes: number, writable: boolean, now = Date.now()): void {
    this.logBytes.set(bytes);
    this.logFreeBytes.set(freeBytes);
    this.logWritable.set(writable ? 1 : 0);
    this.sizes.push({ at: now, bytes });
    while (this.sizes.length > 2 && (this.sizes[1]?.at ?? now) <= now - HOUR) this.sizes.shift();
    const first = this.sizes[0];
    if (first && now - first.at >= 60_000)
      this.logGrowth.set(((bytes - first.bytes) * HOUR) / (now - first.at));
  }

  total(channel?: string): number {
    let sum = 0;
    for (const [key, n] of this.counts) if (!channel || key.startsWith(`${channel}:`)) sum += n;
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
