/**
 * GPS fixes per key in the current minute, written as one audit line per key when the minute
 * ends: the audit names every key that fed positions and how much, without a row per fix.
 */
export class GpsTally {
  private counts = new Map<string, { accepted: number; refused: number; teams: Set<string> }>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly write: (keyName: string, line: string) => void,
    windowMs = 60_000,
  ) {
    this.timer = setInterval(() => this.flush(), windowMs);
    this.timer.unref();
  }

  private of(key: string) {
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = { accepted: 0, refused: 0, teams: new Set() }));
    return c;
  }

  accepted(key: string, team: string): void {
    const c = this.of(key);
    c.accepted++;
    c.teams.add(team);
  }

  refused(key: string): void {
    this.of(key).refused++;
  }

  flush(): void {
    const counts = this.counts;
    this.counts = new Map();
    for (const [key, c] of counts)
      this.write(
        key,
        `${c.accepted} GPS fixes of ${c.teams.size} teams accepted, ${c.refused} refused`,
      );
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
