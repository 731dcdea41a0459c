import type { Assignment, Plan, PlanInput } from './plan.ts';

export interface ConsolidateOptions {
  /** A fragment this small (people) is worth a longer drive to keep the village together. */
  smallPeople: number;
  /** The longest extra drive per person moved, seconds. */
  maxExtraS: number;
}

export const DEFAULT_CONSOLIDATE: ConsolidateOptions = { smallPeople: 45, maxExtraS: 600 };

/**
 * Fewer villages split over several shelters, for a bounded price. The optimum often sends a
 * village's last handful of people to a shelter of their own (less than a busload, a separate
 * reception to organise); where another shelter the village already uses has room for them
 * within `maxExtraS` more driving each, they go there instead. Pinned assignments stay put.
 * Returns a new plan; totals are recomputed (person-minutes rise a little, never the unplaced).
 */
export function consolidateSplits(
  plan: Plan,
  input: Pick<PlanInput, 'shelters'>,
  o: ConsolidateOptions = DEFAULT_CONSOLIDATE,
): Plan {
  const sIndex = new Map(input.shelters.map((s, i) => [s.id, i]));
  const room = input.shelters.map((s) => s.capacity);
  for (const a of plan.assignments) {
    const s = sIndex.get(a.shelter);
    if (s !== undefined) room[s] = (room[s] ?? 0) - a.people;
  }
  const byVillage = new Map<string, Assignment[]>();
  for (const a of plan.assignments) {
    const list = byVillage.get(a.village) ?? [];
    list.push({ ...a });
    byVillage.set(a.village, list);
  }
  for (const list of byVillage.values()) {
    // Smallest fragments first; each may join a bigger one of the same village.
    list.sort((a, b) => a.people - b.people);
    for (const small of list) {
      if (small.pinned || small.people === 0 || small.people >= o.smallPeople) continue;
      const target = list
        .filter((b) => b !== small && b.people > 0 && b.shelter !== small.shelter)
        .filter((b) => (room[sIndex.get(b.shelter) ?? -1] ?? 0) >= small.people)
        .filter((b) => b.seconds - small.seconds <= o.maxExtraS)
        // Vulnerable people do not lose the medical care the optimum found them.
        .filter(
          (b) =>
            small.vulnerable === 0 ||
            input.shelters[sIndex.get(b.shelter) ?? -1]?.medical === true ||
            input.shelters[sIndex.get(small.shelter) ?? -1]?.medical !== true,
        )
        .sort((a, b) => a.seconds - b.seconds)[0];
      if (!target) continue;
      const from = sIndex.get(small.shelter);
      const to = sIndex.get(target.shelter);
      if (from === undefined || to === undefined) continue;
      room[from] = (room[from] ?? 0) + small.people;
      room[to] = (room[to] ?? 0) - small.people;
      target.people += small.people;
      target.vulnerable += small.vulnerable;
      small.people = 0;
      small.vulnerable = 0;
    }
  }
  const assignments = [...byVillage.values()].flat().filter((a) => a.people > 0);
  const perVillage = new Map<string, number>();
  for (const a of assignments) perVillage.set(a.village, (perVillage.get(a.village) ?? 0) + 1);
  return {
    assignments,
    unplaced: plan.unplaced,
    totals: {
      ...plan.totals,
      personMinutes: assignments.reduce((m, a) => m + (a.people * a.seconds) / 60, 0),
      splitVillages: [...perVillage.values()].filter((n) => n > 1).length,
    },
  };
}
