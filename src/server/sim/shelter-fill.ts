import type { Shelter, ShelterStatus } from '../../shared/protocol/index.ts';

/**
 * Transfers in the exercise: from an orange warning on, the shelters of the warned township open
 * and fill (15 people a simulated minute each, 40 under red, up to their night capacity); after
 * the warning is cancelled people go home over about three hours and the shelters stand by
 * again. Updated once a simulated minute; only shelters the exercise filled are emptied.
 */
export class ShelterFill {
  /** Shelters the exercise has people in. */
  private readonly sheltering = new Set<string>();
  private clock = 0;

  /** The shelter updates `simDeltaMs` brings (none until a simulated minute has passed). */
  advance(
    simDeltaMs: number,
    shelters: ReadonlyMap<string, Shelter>,
    warnedTownship: string | null,
    red: boolean,
  ): { id: string; occupancy: number; status: ShelterStatus }[] {
    this.clock += simDeltaMs;
    const minutes = Math.floor(this.clock / 60_000);
    if (minutes === 0) return [];
    this.clock -= minutes * 60_000;
    const updates = [];
    for (const s of shelters.values()) {
      const here = s.townshipCode === warnedTownship && s.status !== 'closed';
      if (!here && !this.sheltering.has(s.id)) continue;
      const capacity = s.capacityNight;
      const occupancy = here
        ? Math.min(capacity, s.occupancy + (red ? 40 : 15) * minutes)
        : Math.max(0, s.occupancy - Math.ceil((capacity / 180) * minutes));
      const status: ShelterStatus =
        capacity > 0 && occupancy >= capacity ? 'full' : occupancy > 0 || here ? 'open' : 'standby';
      if (occupancy === 0 && !here) this.sheltering.delete(s.id);
      else this.sheltering.add(s.id);
      if (occupancy === s.occupancy && status === s.status) continue;
      updates.push({ id: s.id, occupancy, status });
    }
    return updates;
  }
}
