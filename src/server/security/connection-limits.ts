/**
 * Live sockets per client address and in all: a client that opens sockets in a loop is refused
 * at the handshake once it holds `perAddress`, and the gateway as a whole stops at `total`,
 * before memory does.
 */
export class ConnectionLimits {
  private readonly open = new Map<string, number>();
  private count = 0;

  constructor(
    readonly perAddress: number,
    readonly total: number,
  ) {}

  /** Why a new socket from `address` is refused, or null. */
  refusal(address: string): string | null {
    if (this.count >= this.total) return `the gateway holds its limit of ${this.total} sockets`;
    if ((this.open.get(address) ?? 0) >= this.perAddress)
      return `at most ${this.perAddress} sockets per address`;
    return null;
  }

  opened(address: string): void {
    this.count++;
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
  }

  /** Open sockets in all and the addresses holding the most (for /api/health/details). */
  snapshot(): { total: number; top: { address: string; sockets: number }[] } {
    const top = [...this.open]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([address, sockets]) => ({ address, sockets }));
    return { total: this.count, top };
  }

  closed(address: string): void {
    this.count--;
    const n = (this.open.get(address) ?? 1) - 1;
    if (n <= 0) this.open.delete(address);
    else this.open.set(address, n);
  }
}
