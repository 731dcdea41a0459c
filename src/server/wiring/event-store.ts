import type { FastifyBaseLogger } from 'fastify';
import type { EventStore } from '../feed/event-store.ts';
import { RedisEventStore } from '../feed/redis-event-store.ts';
import { SqliteEventStore } from '../feed/sqlite-event-store.ts';
import type { GatewayOptions } from './gateway-options.ts';

/** The event log — the shared Redis when scaled out, else the SQLite file. */
export async function openEventStore(
  options: GatewayOptions,
  log: FastifyBaseLogger,
): Promise<EventStore> {
  return options.redis
    ? await RedisEventStore.open({
        ...options.redis,
        onError: (e) => log.error(e, 'event store (redis)'),
        onUnsafe: (problems) =>
          log.error(
            `REDIS_UNSAFE=warn: the event log is kept in a Redis that may lose it: ${problems.join('; ')}`,
          ),
      })
    : new SqliteEventStore(options.eventLog, options.eventLogMaxBytes);
}
