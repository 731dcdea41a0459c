import type {
  Depot,
  EquipmentItem,
  IncidentType,
  Inventory,
  LonLat,
  Team,
  TeamSkill,
} from '../protocol/index.ts';
import type { RoadRouter, Start } from '../routing/road-router.ts';
import { NEEDS } from './needs.ts';

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
  roads: RoadRouter;
  type: IncidentType;
  at: LonLat;
  teams: Iterable<Team>;
  depots: readonly Depot[];
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
 * each by time to the scene over the roads (closed roads and one-ways respected). Travel times
 * come from the router's many-to-one sweeps: the depots' drives to the scene, then one pass over
 * the available teams with a lane for the scene and one per kind of shortfall (through all the
 * depots that cover it).
 */
export function recommend(input: RecommendInput): Suggestion[] {
  const { roads, type, at, closed } = input;
  const need = NEEDS[type];
  // Every available team, in one list: the router keeps the hierarchy's part for a list it has
  // seen, and available teams stay put, so each incident costs sweeps only.
  const available = [...input.teams].filter((t) => t.status === 'available');
  const points = available.map((t) => roads.snap(t.position));
  const eligible = available.flatMap((team, at) =>
    need.skills.every((s) => team.skills.includes(s)) ? [{ team, at }] : [],
  );
  const depots = input.depots.map((d) => roads.snap(d.position));
  const end = roads.snap(at);
  const scene: Start[] = [{ node: end.node, seconds: end.offRoadS }];
  // Each depot's own drive to the scene (and the walk into it): its head start as a way point.
  const depotToScene = roads.toBestEach(depots, [scene], closed)[0]?.seconds;
  const viaDepot = (k: number): Start => ({
    node: depots[k]?.node ?? 0,
    seconds: (depots[k]?.offRoadS ?? 0) + (depotToScene?.[k] ?? Infinity),
  });

  // Teams short of kit, grouped by what they lack (teams of a kind lack the same things). Each
  // group's detour through the best depot that covers it is one more lane of the sweep to the
  // scene: the depots are its ends, each with its head start.
  const lacking = eligible.map((e) => shortfall(need.equipment, e.team.equipment));
  const groups = new Map<string, { members: number[]; covering: number[] }>();
  lacking.forEach((missing, i) => {
    if (isEmpty(missing)) return;
    const key = JSON.stringify(missing);
    let group = groups.get(key);
    if (!group) {
      const covering = input.depots.flatMap((d, k) =>
        isEmpty(shortfall(missing, d.inventory)) ? [k] : [],
      );
      groups.set(key, (group = { members: [], covering }));
    }
    group.members.push(i);
  });
  const priced = [...groups.values()].filter((g) => g.covering.length > 0);
  const [direct, ...detours] = roads.toBestEach(
    points,
    [scene, ...priced.map((g) => g.covering.map(viaDepot))],
    closed,
  );
  const toScene = direct?.seconds ?? new Float64Array(points.length).fill(Infinity);
  const detour = new Map<number, { seconds: number; depot: Depot }>();
  priced.forEach(({ members, covering }, g) => {
    const best = detours[g];
    for (const i of members) {
      const k = eligible[i]?.at ?? 0;
      const depot = input.depots[covering[best?.seed[k] ?? -1] ?? -1];
      const seconds = best?.seconds[k] ?? Infinity;
      if (depot && Number.isFinite(seconds)) detour.set(i, { seconds, depot });
    }
  });

  const out: Suggestion[] = [];
  eligible.forEach(({ team, at: k }, i) => {
    const driveS = toScene[k] ?? Infinity;
    if (!Number.isFinite(driveS)) return;
    const missing = lacking[i] ?? {};
    const via = detour.get(i);
    const pickup: Pickup | null = via
      ? {
          depotId: via.depot.id,
          depotName: via.depot.name,
          items: missing,
          extraS: Math.max(0, via.seconds - driveS),
        }
      : null;
    const missingItems = pickup ? {} : missing;
    out.push({
      route: () => {
        const leg = (from: LonLat, to: LonLat) => roads.route(from, to, closed)?.path ?? [from, to];
        if (!via) return leg(team.position, at);
        const depotAt = via.depot.position;
        return [...leg(team.position, depotAt), ...leg(depotAt, at).slice(1)];
      },
      team,
      etaS: driveS + (pickup?.extraS ?? 0),
      driveS,
      skills: need.skills.filter((s) => team.skills.includes(s)),
      pickup,
      missing: { items: missingItems, members: Math.max(0, need.members - team.members) },
    });
  });
  const full = (s: Suggestion) => isEmpty(s.missing.items) && s.missing.members === 0;
  out.sort((a, b) => Number(full(b)) - Number(full(a)) || a.etaS - b.etaS);
  return out.slice(0, input.limit ?? 5);
}
