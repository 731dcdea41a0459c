import type {
  Depot,
  EquipmentItem,
  IncidentType,
  Inventory,
  LonLat,
  Team,
  TeamSkill,
} from '../protocol/index.ts';
import type { Reach, RoadGraph } from '../routing/road-graph.ts';
import { NEEDS } from './needs.ts';

/** A depot's travel times to every node (the graph is undirected: from it = to it). */
export interface DepotReach {
  depot: Depot;
  node: number;
  reach: Reach;
}

/**
 * Searches from every depot, once per road state: with these a team's detour to pick up
 * equipment costs two array reads instead of a search per team. Recompute when closures change.
 */
export function reachFromDepots(
  roads: RoadGraph,
  depots: readonly Depot[],
  closed?: ReadonlySet<string>,
): DepotReach[] {
  return depots.map((depot) => ({
    depot,
    node: roads.nearestNode(depot.position),
    reach: roads.reach(depot.position, closed),
  }));
}

export interface Pickup {
  depotId: string;
  depotName: string;
  items: Partial<Record<EquipmentItem, number>>;
  /** Seconds the detour adds to the direct drive. */
  extraS: number;
}

export interface Suggestion {
  team: Team;
  /** Seconds to the scene, including any pickup. */
  etaS: number;
  /** Seconds of the direct drive. */
  driveS: number;
  /** Skills the incident needs that the team has. */
  skills: TeamSkill[];
  pickup: Pickup | null;
  /** What it would still lack on arrival (items, people); empty for a full match. */
  missing: { items: Partial<Record<EquipmentItem, number>>; members: number };
  /** The way it would drive, through the depot when it picks something up (computed on demand). */
  route(): LonLat[];
}

export interface RecommendInput {
  roads: RoadGraph;
  type: IncidentType;
  at: LonLat;
  teams: Iterable<Team>;
  depots: readonly DepotReach[];
  closed?: ReadonlySet<string>;
  limit?: number;
}

function shortfall(need: Partial<Record<EquipmentItem, number>>, have: Inventory) {
  const out: Partial<Record<EquipmentItem, number>> = {};
  for (const [item, n] of Object.entries(need) as [EquipmentItem, number][]) {
    const lack = n - (have[item] ?? 0);
    if (lack > 0) out[item] = lack;
  }
  return out;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;

/**
 * Available teams ranked for an incident: only teams with every skill the type needs; then
 * full matches (their own kit, or kit picked up at one depot on the way) before partial ones,
 * each by time to the scene over the roads (closed roads avoided). One road search from the
 * incident serves every team; depot detours come from `reachFromDepots`.
 */
export function recommend(input: RecommendInput): Suggestion[] {
  const { roads, type, at } = input;
  const need = NEEDS[type];
  const scene = roads.reach(at, input.closed);
  // Depots able to cover each distinct shortfall (teams of a kind lack the same things).
  const covering = new Map<string, DepotReach[]>();
  const depotsFor = (lacking: Partial<Record<EquipmentItem, number>>) => {
    const key = JSON.stringify(lacking);
    let found = covering.get(key);
    if (!found) {
      found = input.depots.filter((d) => isEmpty(shortfall(lacking, d.depot.inventory)));
      covering.set(key, found);
    }
    return found;
  };
  const out: Suggestion[] = [];
  for (const team of input.teams) {
    if (team.status !== 'available') continue;
    if (!need.skills.every((s) => team.skills.includes(s))) continue;
    const snapped = roads.snap(team.position);
    const driveS = roads.secondsAt(scene, snapped);
    if (!Number.isFinite(driveS)) continue;
    const lacking = shortfall(need.equipment, team.equipment);
    let pickup: Pickup | null = null;
    let missingItems = lacking;
    if (!isEmpty(lacking)) {
      // The depot that covers the shortfall with the shortest detour.
      for (const d of depotsFor(lacking)) {
        // Team → depot → scene, against the direct drive.
        const viaS = roads.secondsAt(d.reach, snapped) + (scene.seconds[d.node] ?? Infinity);
        const extraS = Math.max(0, viaS - driveS);
        if (Number.isFinite(extraS) && (!pickup || extraS < pickup.extraS))
          pickup = { depotId: d.depot.id, depotName: d.depot.name, items: lacking, extraS };
      }
      if (pickup) missingItems = {};
    }
    const depotReach = pickup ? input.depots.find((d) => d.depot.id === pickup.depotId) : undefined;
    out.push({
      route: () => {
        // The searches run from the scene and the depots, so their paths come back reversed.
        const toScene = (from: LonLat) =>
          roads.pathTo(scene, at, from)?.path.reverse() ?? [from, at];
        if (!depotReach) return toScene(team.position);
        const toDepot = roads
          .pathTo(depotReach.reach, depotReach.depot.position, team.position)
          ?.path.reverse() ?? [team.position, depotReach.depot.position];
        return [...toDepot, ...toScene(depotReach.depot.position).slice(1)];
      },
      team,
      etaS: driveS + (pickup?.extraS ?? 0),
      driveS,
      skills: need.skills.filter((s) => team.skills.includes(s)),
      pickup,
      missing: { items: missingItems, members: Math.max(0, need.members - team.members) },
    });
  }
  const full = (s: Suggestion) => isEmpty(s.missing.items) && s.missing.members === 0;
  out.sort((a, b) => Number(full(b)) - Number(full(a)) || a.etaS - b.etaS);
  return out.slice(0, input.limit ?? 5);
}
