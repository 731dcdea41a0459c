import type {
  Depot,
  EquipmentItem,
  IncidentType,
  Inventory,
  LonLat,
  Team,
  TeamSkill,
} from '../protocol/index.ts';
import type { RoadRouter, Snapped } from '../routing/road-router.ts';
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
 * come from the router's many-to-one sweeps: one to the scene for every team and depot at once,
 * then one per distinct shortfall through all the depots that cover it.
 */
export function recommend(input: RecommendInput): Suggestion[] {
  const { roads, type, at, closed } = input;
  const need = NEEDS[type];
  // Every available team and every depot, in one list: the router keeps the hierarchy's part
  // for a list it has seen, and available teams stay put, so each incident costs sweeps only.
  const available = [...input.teams].filter((t) => t.status === 'available');
  const points: Snapped[] = [
    ...available.map((t) => roads.snap(t.position)),
    ...input.depots.map((d) => roads.snap(d.position)),
  ];
  const eligible = available.flatMap((team, at) =>
    need.skills.every((s) => team.skills.includes(s)) ? [{ team, at }] : [],
  );
  const toScene = roads.secondsTo(points, at, closed).seconds;
  const depotToScene = (k: number) => toScene[available.length + k] ?? Infinity;

  // Teams short of kit, grouped by what they lack (teams of a kind lack the same things). For
  // each group one sweep prices the best detour through any depot that covers it: the depots
  // are the ends, each with its head start (into the depot, then on to the scene).
  const lacking = eligible.map((e) => shortfall(need.equipment, e.team.equipment));
  const groups = new Map<string, number[]>();
  lacking.forEach((missing, i) => {
    if (isEmpty(missing)) return;
    const key = JSON.stringify(missing);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const detour = new Map<number, { seconds: number; depot: Depot }>();
  for (const members of groups.values()) {
    const missing = lacking[members[0] ?? 0] ?? {};
    const covering = input.depots.flatMap((d, k) =>
      isEmpty(shortfall(missing, d.inventory)) ? [k] : [],
    );
    if (covering.length === 0) continue;
    const best = roads.toBest(
      points,
      covering.map((k) => ({
        node: points[available.length + k]?.node ?? 0,
        seconds: (points[available.length + k]?.offRoadS ?? 0) + depotToScene(k),
      })),
      closed,
    );
    for (const i of members) {
      const at = eligible[i]?.at ?? 0;
      const depot = input.depots[covering[best.seed[at] ?? -1] ?? -1];
      const seconds = best.seconds[at] ?? Infinity;
      if (depot && Number.isFinite(seconds)) detour.set(i, { seconds, depot });
    }
  }

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
