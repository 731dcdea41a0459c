import type { Firing, FiringLevel } from '../../../shared/protocol/index.ts';

const RANK: Record<FiringLevel, number> = { red: 0, orange: 1, yellow: 2, blue: 3, info: 4 };

/** Loudest first; within a level, the furthest over its threshold, then the newest. */
export function firingOrder(a: Firing, b: Firing): number {
  return (
    RANK[a.level] - RANK[b.level] ||
    b.value / b.threshold - a.value / a.threshold ||
    b.openedAt.localeCompare(a.openedAt)
  );
}

/** A station's open firings: the loudest speaks for it, the others are named under it. */
export interface StationAlarms {
  station: string;
  loudest: Firing;
  firings: Firing[];
  /** Villages any of them threatens. */
  villages: number;
  unacknowledged: Firing[];
}

/**
 * One row per station, loudest station first: a storm opens several rules at a gauge (the
 * rainstorm signals, each watched village's index) and a row each would bury the board.
 */
export function byStation(firings: readonly Firing[]): StationAlarms[] {
  const groups = new Map<string, Firing[]>();
  for (const f of [...firings].sort(firingOrder)) {
    const list = groups.get(f.station) ?? [];
    list.push(f);
    groups.set(f.station, list);
  }
  return [...groups].map(([station, list]) => ({
    station,
    loudest: list[0] as Firing, // a group is never empty
    firings: list,
    villages: new Set(list.flatMap((f) => f.villages)).size,
    unacknowledged: list.filter((f) => !f.acknowledgedAt),
  }));
}
