import { describe, expect, it } from 'vitest';
import type { Depot, LonLat, RoadNode, RoadSegment, Team } from '../protocol/index.ts';
import { metresBetween } from '../routing/road-graph.ts';
import { RoadRouter } from '../routing/road-router.ts';
import { recommend } from './recommend.ts';

// Nodes 1 km apart eastwards (n0 … n5), and a side road from n0 north to m (4 km).
const KM_LON = 1 / (111.32 * Math.cos((34.7 * Math.PI) / 180));
const n = (i: number): RoadNode => ({ id: `n${i}`, position: [113.6 + i * KM_LON, 34.7] });
const m: RoadNode = { id: 'm', position: [113.6, 34.7 + 4 / 110.574] };
const nodes = [0, 1, 2, 3, 4, 5].map(n).concat(m);
function road(id: string, a: RoadNode, b: RoadNode): RoadSegment {
  return {
    id,
    name: id,
    class: 'arterial',
    from: a.id,
    to: b.id,
    lengthM: Math.round(metresBetween(a.position, b.position)),
    speedKmh: 60,
    geometry: { type: 'LineString', coordinates: [a.position, b.position] },
  };
}
const streets = [
  ...[0, 1, 2, 3, 4].map((i) => road(`r${i}`, n(i), n(i + 1))),
  road('side', n(0), m),
];
const roads = RoadRouter.of(nodes, streets);
const at = (node: RoadNode): LonLat => node.position;

function team(id: string, where: RoadNode, patch: Partial<Team> = {}): Team {
  return {
    id,
    name: id,
    status: 'available',
    position: at(where),
    homeBase: at(where),
    members: 8,
    skills: ['water_rescue'],
    equipment: {},
    ...patch,
  } as Team;
}
const boats = { assault_boat: 2, life_jacket: 20 };
const depot = (id: string, where: RoadNode, inventory: Depot['inventory']): Depot =>
  ({ id, name: `${id}仓库`, position: at(where), inventory }) as Depot;

describe('recommend', () => {
  it('for water rescue, a farther team with boats beats a closer one without', () => {
    const close = team('close', n(1));
    const far = team('far', n(5), { equipment: boats });
    const ranked = recommend({
      roads,
      type: 'water_rescue',
      at: at(n(0)),
      teams: [close, far],
      depots: [],
    });
    expect(ranked.map((s) => s.team.id)).toEqual(['far', 'close']);
    expect(ranked[0]?.etaS).toBeCloseTo(5 * 60, -1); // 5 km at 60 km/h
    expect(ranked[1]?.missing.items).toEqual({ assault_boat: 1, life_jacket: 10 });
  });

  it('unless a depot on its way has the boats: then the closer team wins, and says where it picks them up', () => {
    const close = team('close', n(1));
    const far = team('far', n(5), { equipment: boats });
    const depots = [depot('D2', n(2), { assault_boat: 4, life_jacket: 50 })];
    const [first] = recommend({
      roads,
      type: 'water_rescue',
      at: at(n(0)),
      teams: [far, close],
      depots,
    });
    expect(first?.team.id).toBe('close');
    expect(first?.pickup).toMatchObject({
      depotId: 'D2',
      items: { assault_boat: 1, life_jacket: 10 },
    });
    // Out to n2 and back: 2 km more than the 1 km direct drive.
    expect(first?.pickup?.extraS).toBeCloseTo(2 * 60, -1);
    expect(first?.etaS).toBeCloseTo(3 * 60, -1);
    const route = first?.route() ?? [];
    expect(route[0]).toEqual(at(n(1)));
    expect(route).toContainEqual(at(n(2)));
    expect(route.at(-1)).toEqual(at(n(0)));
  });

  it('a closed road changes the winner', () => {
    const east = team('east', n(3), { equipment: boats });
    const north = team('north', m, { equipment: boats });
    const open = recommend({
      roads,
      type: 'water_rescue',
      at: at(n(0)),
      teams: [east, north],
      depots: [],
    });
    expect(open.map((s) => s.team.id)).toEqual(['east', 'north']);
    const closed = recommend({
      roads,
      type: 'water_rescue',
      at: at(n(0)),
      teams: [east, north],
      depots: [],
      closed: new Set(['r1']),
    });
    expect(closed.map((s) => s.team.id)).toEqual(['north']);
  });

  it('leaves out busy teams and teams without the skills; a team too small ranks after full matches', () => {
    const busy = team('busy', n(1), { equipment: boats, status: 'en_route' });
    const firemen = team('fire', n(1), { skills: ['firefighting'], equipment: boats });
    const small = team('small', n(1), { equipment: boats, members: 3 });
    const full = team('full', n(4), { equipment: boats });
    const ranked = recommend({
      roads,
      type: 'water_rescue',
      at: at(n(0)),
      teams: [busy, firemen, small, full],
      depots: [],
    });
    expect(ranked.map((s) => s.team.id)).toEqual(['full', 'small']);
    expect(ranked[1]?.missing.members).toBe(3);
  });

  it('drives one-way streets only their way: a team beyond one cannot come back through it', () => {
    // r1 runs one way, n1 → n2 (eastwards).
    const oneway = RoadRouter.of(
      nodes,
      streets.map((r) => (r.id === 'r1' ? { ...r, oneway: true as const } : r)),
    );
    const east = team('east', n(3), { equipment: boats });
    const north = team('north', m, { equipment: boats });
    const west = recommend({
      roads: oneway,
      type: 'water_rescue',
      at: at(n(0)),
      teams: [east, north],
      depots: [],
    });
    expect(west.map((s) => s.team.id)).toEqual(['north']);
    const beyond = recommend({
      roads: oneway,
      type: 'water_rescue',
      at: at(n(4)),
      teams: [east, team('home', n(1), { equipment: boats })],
      depots: [],
    });
    expect(beyond.map((s) => [s.team.id, Math.round(s.driveS / 60)])).toEqual([
      ['east', 1],
      ['home', 3],
    ]);
  });
});
