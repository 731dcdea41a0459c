import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import {
  greedyPlan,
  solvePlan,
  type PlanInput,
  type PlanShelter,
  type PlanVillage,
} from './plan.ts';

const P: [number, number] = [113.6, 34.7];
const village = (code: string, people: number, vulnerable = 0): PlanVillage => ({
  code,
  people,
  vulnerable,
  position: P,
});
const shelter = (id: string, capacity: number, medical = false): PlanShelter => ({
  id,
  capacity,
  medical,
  position: P,
});
/** Travel seconds from a table: rows villages, columns shelters. */
const table =
  (m: number[][]) =>
  (v: number, s: number): number =>
    m[v]?.[s] ?? Infinity;

const pairs = (p: ReturnType<typeof solvePlan>) =>
  p.assignments
    .map((a) => `${a.village}→${a.shelter}:${a.people}`)
    .sort()
    .join(' ');

describe('transfer plan', () => {
  it('finds the known optimum where nearest-first is wrong', () => {
    // A is next to S1 and nearly as close to S2; B can only reach S1 cheaply.
    // Greedy (A first) fills S1 with A and sends B far; the optimum sends A to S2.
    const input: PlanInput = {
      villages: [village('A', 100), village('B', 100)],
      shelters: [shelter('S1', 100), shelter('S2', 100)],
      seconds: table([
        [60, 120],
        [60, 3000],
      ]),
    };
    const best = solvePlan(input);
    expect(pairs(best)).toBe('A→S2:100 B→S1:100');
    expect(best.totals.personMinutes).toBe((100 * 120 + 100 * 60) / 60);
    const greedy = greedyPlan(input);
    expect(pairs(greedy)).toBe('A→S1:100 B→S2:100');
    expect(greedy.totals.personMinutes).toBeGreaterThan(best.totals.personMinutes);
  });

  it('comes back when capacity is short and says how many, from where, have no place', () => {
    const plan = solvePlan({
      villages: [village('A', 80), village('B', 50)],
      shelters: [shelter('S1', 60), shelter('S2', 40)],
      seconds: table([
        [60, 600],
        [300, Infinity], // B cannot reach S2
      ]),
    });
    expect(plan.totals).toMatchObject({ people: 130, placed: 100, unplaced: 30 });
    // Every place is used; the least-cost way leaves 30 of B's or A's — here S2 only serves A,
    // so A fills S2 (40) and S1 takes the rest of A (40) and 20 of B: 30 of B have no place.
    expect(pairs(plan)).toBe('A→S1:40 A→S2:40 B→S1:20');
    expect(plan.unplaced).toEqual([{ village: 'B', people: 30, vulnerable: 0 }]);
  });

  it('sends vulnerable people to a shelter with medical care unless it costs too much', () => {
    const plan = solvePlan({
      villages: [village('A', 10, 4)],
      shelters: [shelter('near', 100), shelter('clinic', 4, true)],
      seconds: table([[60, 600]]),
      vulnerablePenaltyS: 1800,
    });
    expect(pairs(plan)).toBe('A→clinic:4 A→near:6');
    expect(plan.assignments.find((a) => a.shelter === 'clinic')?.vulnerable).toBe(4);
  });

  it('honours pins and forbidden pairs', () => {
    const input: PlanInput = {
      villages: [village('A', 100)],
      shelters: [shelter('S1', 100), shelter('S2', 100), shelter('S3', 100)],
      seconds: table([[60, 120, 180]]),
      pins: [{ village: 'A', shelter: 'S3', people: 30 }],
      forbidden: [{ village: 'A', shelter: 'S1' }],
    };
    const plan = solvePlan(input);
    expect(pairs(plan)).toBe('A→S2:70 A→S3:30');
    expect(plan.assignments.find((a) => a.shelter === 'S3')?.pinned).toBe(true);
  });

  it('matches an independent LP solver (HiGHS) on random instances', async () => {
    const highs = await loadHighs();
    const rng = new Rng('plan-vs-highs');
    for (let round = 0; round < 25; round++) {
      const nv = rng.int(2, 7);
      const ns = rng.int(2, 6);
      const villages = Array.from({ length: nv }, (_, i) => village(`V${i}`, rng.int(10, 200)));
      const shelters = Array.from({ length: ns }, (_, i) => shelter(`S${i}`, rng.int(20, 250)));
      const m = villages.map(() =>
        shelters.map(() => (rng.chance(0.15) ? Infinity : rng.int(60, 3600))),
      );
      const plan = solvePlan({ villages, shelters, seconds: table(m) });
      // The same problem as an LP: x_vs people, unplaced u_v at the same big cost per person.
      const BIG = 1e7;
      const x = (v: number, s: number) => `x_${v}_${s}`;
      const terms: string[] = [];
      villages.forEach((_, v) => {
        shelters.forEach((_, s) => {
          const c = m[v]?.[s] ?? Infinity;
          if (Number.isFinite(c)) terms.push(`${c} ${x(v, s)}`);
        });
        terms.push(`${BIG} u_${v}`);
      });
      const rows: string[] = [];
      villages.forEach((vil, v) => {
        const vars = shelters
          .map((_, s) => (Number.isFinite(m[v]?.[s] ?? Infinity) ? x(v, s) : null))
          .filter((t) => t !== null);
        rows.push(` supply_${v}: ${[...vars, `u_${v}`].join(' + ')} = ${vil.people}`);
      });
      shelters.forEach((sh, s) => {
        const vars = villages
          .map((_, v) => (Number.isFinite(m[v]?.[s] ?? Infinity) ? x(v, s) : null))
          .filter((t) => t !== null);
        if (vars.length > 0) rows.push(` cap_${s}: ${vars.join(' + ')} <= ${sh.capacity}`);
      });
      const lp = `Minimize\n obj: ${terms.join(' + ')}\nSubject To\n${rows.join('\n')}\nEnd`;
      const r = highs.solve(lp, { output_flag: false });
      expect(r.Status).toBe('Optimal');
      const ours =
        plan.totals.personMinutes * 60 + plan.unplaced.reduce((n, u) => n + u.people, 0) * BIG;
      expect(Math.abs(ours - r.ObjectiveValue)).toBeLessThan(1e-6 * Math.max(1, ours));
      // Starting from each village's single nearest shelter, pricing the arcs left out must
      // still find the optimum (column generation is exact, not a heuristic).
      const pruned = solvePlan({ villages, shelters, seconds: table(m), candidates: 1 });
      const prunedCost =
        pruned.totals.personMinutes * 60 + pruned.unplaced.reduce((n, u) => n + u.people, 0) * BIG;
      expect(Math.abs(prunedCost - r.ObjectiveValue)).toBeLessThan(1e-6 * Math.max(1, ours));
    }
  });
});
