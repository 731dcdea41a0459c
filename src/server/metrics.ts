/** Counts of what the gateway rejected, by channel and reason, for /api/health and the logs. */
export class Rejections {
  private readonly counts = new Map<string, number>();

  count(channel: string, reason: string): void {
    const key = `${channel}: ${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
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
