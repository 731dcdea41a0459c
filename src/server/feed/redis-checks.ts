/**
 * What a Redis must promise before it holds the log: that an acknowledged append survives its
 * restart (the append-only file) and that it never evicts a key to make room (evicting the seq
 * counter or the stream loses or re-numbers events). Read from INFO, which managed Redis
 * services allow where CONFIG is renamed away.
 */
export function durabilityProblems(persistence: string, memory: string): string[] {
  const field = (info: string, name: string) =>
    new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  const problems: string[] = [];
  if (field(persistence, 'aof_enabled') !== '1')
    problems.push(
      'appendonly is off: a Redis restart loses acknowledged events (set appendonly yes, appendfsync everysec)',
    );
  const policy = field(memory, 'maxmemory_policy');
  if (policy !== 'noeviction')
    problems.push(
      `maxmemory-policy is ${policy ?? 'unknown'}: Redis may evict the log's keys to make room (set maxmemory-policy noeviction)`,
    );
  return problems;
}

/** How the gateway treats a Redis that does not promise it (REDIS_UNSAFE). */
export type RedisUnsafe = 'refuse' | 'warn';

export class UnsafeRedisError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `refusing to keep the event log in this Redis: ${problems.join('; ')}. Fix its configuration, or set REDIS_UNSAFE=warn to run anyway`,
    );
    this.name = 'UnsafeRedisError';
  }
}
