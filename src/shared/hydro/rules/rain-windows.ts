import type { Observation } from '../../protocol/index.ts';

interface Amount {
  start: number;
  end: number;
  mm: number;
}

const DAY = 24 * 3_600_000;

/**
 * Rain per gauge as amounts over periods, kept for the last 24 h of each gauge, summed over the
 * windows rules read. Late and out-of-order amounts go in their place; an amount repeated (same
 * end, same period) replaces the old one; where a gauge sends both fine amounts and a coarser one
 * over the same minutes (5-minute slots and the hour's total), the finer ones are kept and the
 * coarse one dropped, so no rain is counted twice.
 */
export class RainWindows {
  private readonly byStation = new Map<string, Amount[]>();

  /** Adds a rain observation; answers whether anything changed. */
  add(o: Observation): boolean {
    if (o.element !== 'rain' || o.periodMin === undefined) return false;
    const end = Date.parse(o.time);
    const a: Amount = { start: end - o.periodMin * 60_000, end, mm: o.value };
    const list = this.byStation.get(o.station) ?? [];
    this.byStation.set(o.station, list);
    const overlapping = list.filter((b) => b.start < a.end && a.start < b.end);
    const same = overlapping.find((b) => b.start === a.start && b.end === a.end);
    if (same) {
      if (same.mm === a.mm) return false;
      same.mm = a.mm;
      return true;
    }
    const span = a.end - a.start;
    if (overlapping.some((b) => b.end - b.start < span)) return false; // finer ones cover it
    for (const b of overlapping) list.splice(list.indexOf(b), 1); // coarser ones give way
    let at = list.length;
    while (at > 0 && (list[at - 1]?.end ?? 0) > a.end) at--;
    list.splice(at, 0, a);
    // Nothing older than a day before the newest is ever summed.
    const newest = list[list.length - 1]?.end ?? a.end;
    while ((list[0]?.end ?? Infinity) <= newest - DAY) list.shift();
    return true;
  }

  /** The end of the newest amount of a gauge (ms), or null. */
  newest(station: string): number | null {
    const list = this.byStation.get(station);
    return list?.[list.length - 1]?.end ?? null;
  }

  /** Rain in the `hours` ending at `at` (ms): amounts whose whole period lies inside. */
  sum(station: string, hours: number, at: number): number {
    const list = this.byStation.get(station) ?? [];
    const from = at - hours * 3_600_000;
    let mm = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const a = list[i];
      if (!a || a.end <= from) break;
      if (a.end <= at && a.start >= from) mm += a.mm;
    }
    return Math.round(mm * 10) / 10;
  }
}
