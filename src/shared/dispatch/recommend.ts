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
 * the teams with a lane for the scene and one per kind of shortfall (through all the depots that
 * cover it).
 *
 * Only the teams that can still make the list are priced: nearest first by a straight-line
 * bound no drive beats, then every team whose bound is within the last full match's time. A
 * team left out is slower than every team listed, so the list is the one pricing them all
 * would give (a city's 1,500 teams cost the sweep of the few dozen near the scene).
 */
export function recommend(input: RecommendInput): Suggestion[] {
  const { roads, type, at, closed } = input;
  const limit = input.limit ?? 5;
  const need = NEEDS[type];
  const eligible = [...input.teams].filter(
    (t) => t.status === 'available' && need.skills.every((s) => t.skills.includes(s)),
  );
  const points = eligible.map((t) => roads.snap(t.position));
  const depots = input.depots.map((d) => roads.snap(d.position));
  const end = roads.snap(at);
  const scene: Start[] = [{ node: end.node, seconds: end.offRoadS }];
  // Each depot's own drive to the scene (and the walk into it): its head start as a way point.
  const toScene = roads.towardEach([scene], closed);
  const depotToScene = toScene.fromFew(depots)[0]?.seconds;
  const viaDepot = (k: number): Start => ({
    node: depots[k]?.node ?? 0,
    seconds: (depots[k]?.offRoadS ?? 0) + (depotToScene?.[k] ?? Infinity),
  });

  // Teams short of kit, grouped by what they lack (teams of a kind lack the same things). Each
  // group's detour through the best depot that covers it is one more lane of the sweep to the
  // scene: the depots are its ends, each with its head start.
  const lacking = eligible.map((team) => shortfall(need.equipment, team.equipment));
  const groups = new Map<string, { covering: number[]; lane: number }>();
  const groupOf = lacking.map((missing) => {
    if (isEmpty(missing)) return null;
    const key = JSON.stringify(missing);
    let group = groups.get(key);
    if (!group) {
      const covering = input.depots.flatMap((d, k) =>
        isEmpty(shortfall(missing, d.inventory)) ? [k] : [],
      );
      groups.set(key, (group = { covering, lane: -1 }));
    }
    return group;
  });
  const lanes: Start[][] = [];
  for (const group of groups.values())
    if (group.covering.length > 0) {
      group.lane = lanes.length;
      lanes.push(group.covering.map(viaDepot));
    }

  const priced: (Suggestion | null)[] = new Array<Suggestion | null>(eligible.length).fill(null);
  const detourLanes = lanes.length > 0 ? roads.towardEach(lanes, closed) : null;
  const price = (which: readonly number[]) => {
    if (which.length === 0) return;
    const from = which.map((i) => points[i] ?? end);
    const direct = toScene.from(from)[0];
    const detours = detourLanes?.from(from) ?? [];
    which.forEach((i, w) => {
      const team = eligible[i];
      const driveS = direct?.seconds[w] ?? Infinity;
      if (!team || !Number.isFinite(driveS)) return;
      const missing = lacking[i] ?? {};
      const group = groupOf[i];
      const best = group && group.lane >= 0 ? detours[group.lane] : undefined;
      const depot = input.depots[group?.covering[best?.seed[w] ?? -1] ?? -1];
      const viaS = best?.seconds[w] ?? Infinity;
      const via = depot && Number.isFinite(viaS) ? { seconds: viaS, depot } : null;
      priced[i] = suggestion(roads, team, at, closed, need, missing, driveS, via);
    });
  };
  // Nearest first by the bound; the first few that could be full matches priced, then whoever
  // could still beat the last full match among them.
  const bound = points.map((p) => roads.lowerBoundS(p, end));
  const byBound = eligible.map((_, i) => i).sort((a, b) => (bound[a] ?? 0) - (bound[b] ?? 0));
  const couldBeFull = (i: number) =>
    (eligible[i]?.members ?? 0) >= need.members &&
    (groupOf[i] === null || (groupOf[i]?.lane ?? -1) >= 0);
  let taken = 0;
  for (let full = 0; taken < byBound.length && full < 4 * limit; taken++)
    if (couldBeFull(byBound[taken] ?? 0)) full++;
  price(byBound.slice(0, taken));
  const fullEtas = priced.flatMap((s) => (s && isFull(s) ? [s.etaS] : [])).sort((a, b) => a - b);
  const last = fullEtas[limit - 1];
  const rest = byBound.slice(taken);
  price(last === undefined ? rest : rest.filter((i) => (bound[i] ?? 0) <= last));

  const out = priced.filter((s): s is Suggestion => s !== null);
  out.sort((a, b) => Number(isFull(b)) - Number(isFull(a)) || a.etaS - b.etaS);
  return out.slice(0, limit);
}

const isFull = (s: Suggestion) => isEmpty(s.missing.items) && s.missing.members === 0;

/** One team's suggestion from its prices: the direct drive and the detour, if it has one. */
function suggestion(
  roads: RoadRouter,
  team: Team,
  at: LonLat,
  closed: ReadonlySet<string> | undefined,
  need: (typeof NEEDS)[IncidentType],
  missing: Partial<Record<EquipmentItem, number>>,
  driveS: number,
  via: { seconds: number; depot: Depot } | null,
): Suggestion {
  const pickup: Pickup | null = via
    ? {
        depotId: via.depot.id,
        depotName: via.depot.name,
        items: missing,
        extraS: Math.max(0, via.seconds - driveS),
      }
    : null;
  return {
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
    missing: { items: pickup ? {} : missing, members: Math.max(0, need.members - team.members) },
  };
}
