import type { RegisterVillage, RegisteredPerson } from '../protocol/index.ts';
import { checkinOf, checkinsOf, type RollState } from './roll.ts';

/** A village (or a township, summed) by name: registered, at shelters, with relatives, missing. */
export interface Tally {
  registered: number;
  sheltered: number;
  relatives: number;
  /** Registered and neither at a shelter nor with relatives: who must still be found. */
  unaccounted: number;
}

const zero = (): Tally => ({ registered: 0, sheltered: 0, relatives: 0, unaccounted: 0 });

/** Each registered village's tally; check-ins of villages not registered are not counted. */
export function villageTallies(
  register: readonly RegisterVillage[],
  roll: RollState,
): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const v of register)
    out.set(v.village, { ...zero(), registered: v.registered, unaccounted: v.registered });
  for (const c of checkinsOf(roll)) {
    const t = out.get(c.village);
    if (!t || t.unaccounted === 0) continue;
    if (c.kind === 'shelter') t.sheltered++;
    else t.relatives++;
    t.unaccounted--;
  }
  return out;
}

/** The tallies summed by township (the first 9 digits of the village code), and in all. */
export function townshipTallies(villages: ReadonlyMap<string, Tally>): {
  townships: Map<string, Tally>;
  total: Tally;
} {
  const townships = new Map<string, Tally>();
  const total = zero();
  for (const [code, t] of villages) {
    const key = code.slice(0, 9);
    const sum = townships.get(key) ?? zero();
    for (const k of ['registered', 'sheltered', 'relatives', 'unaccounted'] as const) {
      sum[k] += t[k];
      total[k] += t[k];
    }
    townships.set(key, sum);
  }
  return { townships, total };
}

/** How many of the vulnerable flags a person carries: who must be found first. */
const urgency = (p: RegisteredPerson): number =>
  (p.vulnerable.includes('bedridden') ? 4 : 0) + p.vulnerable.length;

/**
 * A village's people not yet accounted for: the vulnerable first (bed-ridden before the rest),
 * then by household so a family stays together on the list.
 */
export function unaccountedOf(
  people: readonly RegisteredPerson[],
  roll: RollState,
): RegisteredPerson[] {
  return people
    .filter((p) => !checkinOf(roll, p.code))
    .sort(
      (a, b) =>
        urgency(b) - urgency(a) ||
        (a.household < b.household ? -1 : a.household > b.household ? 1 : 0),
    );
}

/**
 * The register's villages a board counts: those of the transfer plan in force, and any where
 * people have been checked in without one (a transfer ordered before its plan was published).
 */
export function villagesInPlay(
  register: readonly RegisterVillage[],
  planVillages: ReadonlySet<string>,
  roll: RollState,
): RegisterVillage[] {
  const checked = new Set(checkinsOf(roll).map((c) => c.village));
  return register.filter((v) => planVillages.has(v.village) || checked.has(v.village));
}

interface PlanVillage {
  village: string;
  people: number;
  moved: number;
}

/**
 * The plan's villages as they are counted: by name where a village has a register (its people
 * are the registered, moved are those at shelters or with relatives), by the plan's own
 * progress elsewhere. Every figure of 应转尽转 — headline, townships, the map — comes from here.
 */
export function countedByName<V extends PlanVillage>(
  planVillages: readonly V[],
  register: ReadonlyMap<string, Tally>,
): (V & { unaccounted: number | null })[] {
  return planVillages.map((v) => {
    const t = register.get(v.village);
    return t
      ? { ...v, people: t.registered, moved: t.sheltered + t.relatives, unaccounted: t.unaccounted }
      : { ...v, unaccounted: null };
  });
}

/**
 * 应转尽转 for a wall or a leader, counted as `countedByName` counts; `unaccounted` sums only the
 * registered villages (null when none of the plan's villages has a register).
 */
export function transferByName(
  planVillages: readonly PlanVillage[],
  register: ReadonlyMap<string, Tally>,
): { moved: number; total: number; unaccounted: number | null } {
  let moved = 0;
  let total = 0;
  let unaccounted: number | null = null;
  for (const v of countedByName(planVillages, register)) {
    moved += v.moved;
    total += v.people;
    if (v.unaccounted !== null) unaccounted = (unaccounted ?? 0) + v.unaccounted;
  }
  return { moved, total, unaccounted };
}
