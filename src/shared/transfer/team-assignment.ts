import type { Team } from '../protocol/index.ts';

/** People one rescue team sees out of their homes and onto the vehicles in a transfer. */
export const PEOPLE_PER_TEAM = 1500;

export interface TownshipNeed {
  townshipCode: string;
  /** People who move (placed somewhere). */
  moving: number;
  /** Of them, people leaving by boat: they need teams trained for water rescue. */
  byBoat: number;
  /** Where the township's people are, weighted by them. */
  centre: [number, number];
}

export interface TeamAssignment {
  townshipCode: string;
  needed: number;
  teamIds: string[];
  /** Of `teamIds`, teams from another township. */
  fromElsewhere: number;
}

const km = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * 111.32 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110.57);

/**
 * Available rescue teams to the townships that transfer people: a team per
 * `PEOPLE_PER_TEAM` moving (water-rescue teams first for the share that leaves by boat), the
 * township's own teams before anyone else's, then the nearest free teams from elsewhere. The
 * townships with the most people choose first; when teams run out the shortfall shows.
 */
export function assignTeams(
  needs: readonly TownshipNeed[],
  teams: readonly Team[],
): TeamAssignment[] {
  const free = new Set(teams.filter((t) => t.status === 'available').map((t) => t.id));
  const byId = new Map(teams.map((t) => [t.id, t]));
  const order = [...needs].sort((a, b) => b.moving - a.moving);
  const out = new Map<string, TeamAssignment>();
  for (const need of order) {
    const needed = Math.ceil(need.moving / PEOPLE_PER_TEAM);
    const boatTeams = Math.min(needed, Math.ceil(need.byBoat / PEOPLE_PER_TEAM));
    const rank = (water: boolean) =>
      [...free]
        .map((id) => byId.get(id))
        .filter((t): t is Team => t !== undefined && (!water || t.skills.includes('water_rescue')))
        // Own township first, then by distance to where the people are.
        .map((t) => ({
          t,
          key: (t.townshipCode === need.townshipCode ? 0 : 1e6) + km(t.position, need.centre),
        }))
        .sort((a, b) => a.key - b.key)
        .map((x) => x.t);
    const chosen: Team[] = [];
    const take = (list: Team[], n: number) => {
      for (const t of list) {
        if (chosen.length >= n) break;
        if (!free.has(t.id)) continue;
        free.delete(t.id);
        chosen.push(t);
      }
    };
    take(rank(true), boatTeams);
    take(rank(false), needed);
    out.set(need.townshipCode, {
      townshipCode: need.townshipCode,
      needed,
      teamIds: chosen.map((t) => t.id),
      fromElsewhere: chosen.filter((t) => t.townshipCode !== need.townshipCode).length,
    });
  }
  return needs.map(
    (n) =>
      out.get(n.townshipCode) ?? {
        townshipCode: n.townshipCode,
        needed: 0,
        teamIds: [],
        fromElsewhere: 0,
      },
  );
}
