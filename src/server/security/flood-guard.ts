/** Token bucket: `rate` per second, up to `burst` at once. */
export function limiter(
  rate: number,
  burst = rate * 2,
  now: () => number = Date.now,
): () => boolean {
  let tokens = burst;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * One socket's incoming messages, whatever their event: a client may send `rate` a second (a
 * burst of twice that); what goes past is dropped unread, and a client that keeps pushing past
 * (`strikes` dropped messages beyond what a second of the limit allows) is disconnected — a
 * refused message still costs the gateway its parsing, and the consoles that depend on it must
 * not pay for one client's loop.
 */
export class SocketFlood {
  private readonly allow: () => boolean;
  private strikes = 0;
  private lastStrike = 0;

  constructor(
    private readonly rate = 50,
    private readonly strikeLimit = 200,
    private readonly now: () => number = Date.now,
  ) {
    this.allow = limiter(rate, rate * 2, now);
  }

  /** 'ok', 'drop' (over the rate) or 'cut' (disconnect: it keeps flooding). */
  admit(): 'ok' | 'drop' | 'cut' {
    if (this.allow()) return 'ok';
    const t = this.now();
    // Strikes fade at the allowed rate: a client that slows down is forgiven.
    this.strikes = Math.max(0, this.strikes - ((t - this.lastStrike) / 1000) * this.rate) + 1;
    this.lastStrike = t;
    return this.strikes > this.strikeLimit ? 'cut' : 'drop';
  }
}

/**
 * New connections per client address: a client that reconnects in a loop is refused at the
 * handshake past `rate` a second. Bounded in size: the oldest addresses are forgotten first.
 */
export class HandshakeRate {
  private readonly buckets = new Map<string, () => boolean>();

  constructor(
    private readonly rate = 10,
    private readonly max = 10_000,
  ) {}

  admit(address: string): boolean {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= this.max) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      bucket = limiter(this.rate, this.rate * 2);
      this.buckets.set(address, bucket);
    }
    return bucket();
  }
}
