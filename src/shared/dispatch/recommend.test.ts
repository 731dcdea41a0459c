import { describe, expect, it, vi } from 'vitest';
import type { Depot, LonLat, RoadNode, RoadSegment, Team } from '../protocol/index.ts';
import { metresBetween } from '../routing/road-graph.ts';
import { RoadRouter, TowardEnds } from '../routing/road-router.ts';
import { Rng } from '../random.ts';
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

  it('prices only the teams that can make the list, and lists what pricing all of them would', () => {
    // A grid of streets 500 m apart (60 × 60 nodes, every fourth street an arterial), 1,500
    // teams, 12 depots, scenes anywhere: a network where the straight-line bound is close.
    const side = 60;
    const grid = Array.from({ length: side * side }, (_, i) => ({
      id: `g${i}`,
      position: [
        113.6 + (i % side) * 0.5 * KM_LON,
        34.7 + Math.floor(i / side) * (0.5 / 110.574),
      ] as LonLat,
    }));
    const streets = grid.flatMap((a, i) => {
      const east = grid[i + 1];
      const north = grid[i + side];
      const fast = (i % side) % 4 === 0 || Math.floor(i / side) % 4 === 0;
      return [
        ...(east && (i + 1) % side !== 0 ? [road(`e${i}`, a, east)] : []),
        ...(north ? [road(`n${i}`, a, north)] : []),
      ].map((r) => ({ ...r, speedKmh: fast ? 60 : 30 }));
    });
    const router = RoadRouter.of(grid, streets);
    const rng = new Rng('recommend-prune');
    const somewhere = (): LonLat => grid[rng.int(0, grid.length - 1)]?.position ?? [0, 0];
    const kinds: Team['skills'][] = [
      ['water_rescue'],
      ['water_rescue', 'drainage'],
      ['firefighting'],
    ];
    const teams = Array.from({ length: 1_500 }, (_, i) =>
      team(
        `T${i}`,
        { id: `p${i}`, position: somewhere() },
        {
          skills: kinds[i % kinds.length] ?? [],
          members: rng.int(4, 20),
          equipment: rng.next() < 0.5 ? boats : {},
        },
      ),
    );
    const depots = Array.from({ length: 12 }, (_, i) =>
      depot(`D${i}`, { id: `d${i}`, position: somewhere() }, i % 2 ? boats : {}),
    );
    const from = vi.spyOn(TowardEnds.prototype, 'from');
    const eligible = teams.filter((t) => t.skills.includes('water_rescue')).length;
    let priced = 0;
    for (let k = 0; k < 30; k++) {
      const input = {
        roads: router,
        type: 'water_rescue' as const,
        at: somewhere(),
        teams,
        depots,
      };
      const all = recommend({ ...input, limit: teams.length });
      from.mockClear();
      const top = recommend(input);
      // Each team priced once, direct and detour lanes: half the calls' points.
      priced += from.mock.calls.reduce((sum, [points]) => sum + points.length, 0) / 2;
      expect(top.map((s) => [s.team.id, s.etaS, s.pickup?.depotId])).toEqual(
        all.slice(0, 5).map((s) => [s.team.id, s.etaS, s.pickup?.depotId]),
      );
      // The bound under the pruning never exceeds a drive.
      for (const s of all)
        expect(
          router.lowerBoundS(router.snap(s.team.position), router.snap(input.at)),
        ).toBeLessThanOrEqual(s.driveS);
    }
    from.mockRestore();
    // Fewer than a tenth of the eligible teams priced, on average (33 of 1,000 when written).
    expect(priced / 30).toBeLessThan(eligible / 10);
  });
});
