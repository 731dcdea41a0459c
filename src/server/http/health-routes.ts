import type { SkippedFolder } from '../data/jurisdictions.ts';
import type { FastifyInstance } from 'fastify';
import type { GatewayServer } from '../socket/gateway-io.ts';
import type { LogHealth, ScenarioId } from '../../shared/protocol/index.ts';
import type { LogSize } from '../feed/event-store.ts';
import type { Rejections } from '../metrics.ts';
import type { ConnectionLimits } from '../security/connection-limits.ts';
import type { Noise } from '../security/noise.ts';

/**
 * `/api/health`: liveness for a load balancer, saying nothing else (public). The refusal counts
 * and the noise summaries (`/api/health/details`) and the Prometheus metrics (`/metrics`) are for
 * admins and metrics keys: they show who is knocking and how.
 */
export function healthRoutes(
  app: FastifyInstance,
  o: {
    io: GatewayServer;
    limits: ConnectionLimits;
    rejections: Rejections;
    noise: Noise;
    started: number;
    scenarios: () => readonly ScenarioId[];
    skipped: readonly SkippedFolder[];
    /** Whether the event log takes writes, and what it takes. */
    log: () => Promise<{ health: LogHealth; size: LogSize | null }>;
  },
): void {
  app.get('/api/health', async () => ({
    status: 'ok',
    uptimeS: Math.round((Date.now() - o.started) / 1000),
  }));
  app.get('/api/health/details', async () => ({
    status: 'ok',
    uptimeS: Math.round((Date.now() - o.started) / 1000),
    scenarios: o.scenarios(),
    // A folder that looks like a jurisdiction but is not served says why here (and at start).
    skippedJurisdictions: o.skipped,
    clients: o.io.engine.clientsCount,
    sockets: o.limits.snapshot(),
    rejected: o.rejections.snapshot(),
    noise: o.noise.recent,
    log: await o.log(),
  }));
  app.get('/metrics', async (_req, reply) => {
    o.rejections.clients.set(o.io.engine.clientsCount);
    const { health, size } = await o.log();
    o.rejections.observeLog(size?.bytes ?? 0, size?.freeBytes ?? 0, health.writable);
    void reply.type(o.rejections.registry.contentType);
    return o.rejections.registry.metrics();
  });
}
