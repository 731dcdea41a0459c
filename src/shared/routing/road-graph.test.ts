import { describe, expect, it } from 'vitest';
import type { LonLat, RoadClass, RoadNode, RoadSegment } from '../protocol/index.ts';
import { ROAD_SPEED_KMH } from '../protocol/index.ts';
import { Rng } from '../random.ts';
import { metresBetween, RoadGraph } from './road-graph.ts';

const node = (id: string, position: LonLat): RoadNode => ({ id, position });
function road(id: string, from: RoadNode, to: RoadNode, cls: RoadClass): RoadSegment {
  return {
    id,
    name: id,
    class: cls,
    from: from.id,
    to: to.id,
    lengthM: Math.round(metresBetween(from.position, to.position)),
    speedKmh: ROAD_SPEED_KMH[cls],
    geometry: { type: 'LineString', coordinates: [from.position, to.position] },
  };
}

// A square 1 km a side: a highway round one way (a-b-c), local streets the other (a-d-c).
const a = node('a', [113.6, 34.7]);
const b = node('b', [113.611, 34.7]);
const c = node('c', [113.611, 34.709]);
const d = node('d', [113.6, 34.709]);
const square = [
  road('ab', a, b, 'highway'),
  road('bc', b, c, 'highway'),
  road('ad', a, d, 'local'),
  road('dc', d, c, 'local'),
];

describe('RoadGraph', () => {
  it('takes the faster road round, and the other way when a road on it is closed', () => {
    const g = new RoadGraph([a, b, c, d], square);
    const fast = g.route(a.position, c.position);
    expect(fast?.segments).toEqual(['ab', 'bc']);
    expect(fast?.seconds).toBeCloseTo((fast?.metres ?? 0) / (80 / 3.6), 0);
    expect(fast?.path[0]).toEqual(a.position);
    expect(fast?.path.at(-1)).toEqual(c.position);
    const detour = g.route(a.position, c.position, new Set(['bc']));
    expect(detour?.segments).toEqual(['ad', 'dc']);
    expect(detour?.seconds).toBeGreaterThan(fast?.seconds ?? Infinity);
  });

  it('follows a road against its drawing direction, and adds the off-road legs', () => {
    const g = new RoadGraph([a, b, c, d], square);
    const back = g.route(c.position, a.position);
    expect(back?.segments).toEqual(['bc', 'ab']);
    expect(back?.path).toEqual([c.position, c.position, b.position, a.position, a.position]);
    // Starting 100 m off the road: 100 m at 10 km/h = 36 s on top.
    const off: LonLat = [a.position[0], a.position[1] - 0.0009];
    const withLegs = g.route(off, c.position);
    expect((withLegs?.seconds ?? 0) - (g.route(a.position, c.position)?.seconds ?? 0)).toBeCloseTo(
      36,
      0,
    );
  });

  it('says when the roads do not connect two points', () => {
    const island = node('e', [113.7, 34.8]);
    const g = new RoadGraph([a, b, c, d, island], square);
    expect(g.route(a.position, island.position)).toBeNull();
    expect(g.route(a.position, c.position, new Set(['bc', 'dc']))).toBeNull();
  });

  it('finds the same travel times as a brute-force Bellman–Ford on random networks', () => {
    const rng = new Rng('roads');
    for (let round = 0; round < 20; round++) {
      const nodes = Array.from({ length: 25 }, (_, i) =>
        node(`n${i}`, [113.6 + rng.range(0, 0.05), 34.7 + rng.range(0, 0.05)]),
      );
      const classes: RoadClass[] = ['highway', 'arterial', 'local', 'access'];
      const roads = Array.from({ length: 50 }, (_, k) => {
        const from = rng.pick(nodes);
        let to = rng.pick(nodes);
        while (to === from) to = rng.pick(nodes);
        return road(`r${k}`, from, to, rng.pick(classes));
      });
      const closed = new Set(roads.filter(() => rng.chance(0.1)).map((r) => r.id));
      const g = new RoadGraph(nodes, roads);
      const reach = g.reach(nodes[0]?.position ?? [0, 0], closed);
      const best = nodes.map((_, i) => (i === 0 ? 0 : Infinity));
      for (let pass = 0; pass < nodes.length; pass++)
        for (const r of roads) {
          if (closed.has(r.id)) continue;
          const i = Number(r.from.slice(1));
          const j = Number(r.to.slice(1));
          const t = r.lengthM / (r.speedKmh / 3.6);
          best[j] = Math.min(best[j] ?? Infinity, (best[i] ?? Infinity) + t);
          best[i] = Math.min(best[i] ?? Infinity, (best[j] ?? Infinity) + t);
        }
      best.forEach((t, i) => {
        if (Number.isFinite(t)) expect(reach.seconds[i]).toBeCloseTo(t, 6);
        else expect(reach.seconds[i]).toBe(Infinity);
      });
    }
  });
});
