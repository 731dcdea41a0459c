import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  readonly lag = new Histogram({
    name: 'onemap_ingest_lag_seconds',
    help: 'Age of an ingested report (its own timestamp) when it reached the gateway',
    buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 3600],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'onemap_' });
  }

  count(channel: string, reason: string): void {
    const key = `${channel}: ${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.rejected.inc({ channel, reason });
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
