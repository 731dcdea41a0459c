/** Sends one raw Redis command. */
export type RedisSend = (args: string[]) => Promise<unknown>;

/** Extends the lease only if this holder still has it (a plain PEXPIRE could extend another's). */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * One holder at a time across the nodes of a scaled-out gateway (used for the simulator, which
 * must not run twice). The holder renews every third of the lease; if it dies, the lease
 * expires and another node takes it within one lease time.
 */
export function holdLease(
  send: RedisSend,
  key: string,
  holder: string,
  ttlMs: number,
  onChange: (held: boolean) => void,
): () => Promise<void> {
  let held = false;
  let stopped = false;
  const set = (now: boolean) => {
    if (now !== held) {
      held = now;
      onChange(now);
    }
  };
  const tick = async () => {
    try {
      const ok = held
        ? Number(await send(['EVAL', RENEW, '1', key, holder, String(ttlMs)])) === 1
        : (await send(['SET', key, holder, 'NX', 'PX', String(ttlMs)])) === 'OK';
      if (!stopped) set(ok);
    } catch {
      // Redis unreachable: we cannot know whether the lease still holds, so stop acting on it.
      if (!stopped) set(false);
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), Math.max(50, Math.floor(ttlMs / 3)));
  return async () => {
    stopped = true;
    clearInterval(timer);
    set(false);
    await send(['EVAL', RELEASE, '1', key, holder]).catch(() => undefined);
  };
}
