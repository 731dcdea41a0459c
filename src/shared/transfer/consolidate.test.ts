import { describe, expect, it } from 'vitest';
import { consolidateSplits } from './consolidate.ts';
import type { Plan, PlanShelter } from './plan.ts';

const P: [number, number] = [113.6, 34.7];
const shelter = (id: string, capacity: number, medical = false): PlanShelter => ({
  id,
  capacity,
  medical,
  position: P,
});
const plan = (assignments: Plan['assignments']): Plan => ({
  assignments,
  unplaced: [],
  totals: { people: 0, placed: 0, unplaced: 0, personMinutes: 0, splitVillages: 2 },
});
const a = (village: string, shelter: string, people: number, seconds: number, vulnerable = 0) => ({
  village,
  shelter,
  people,
  vulnerable,
  seconds,
  pinned: false,
});

describe('keeping villages together', () => {
  it('folds a fragment smaller than a busload into a shelter the village already uses', () => {
    const out = consolidateSplits(
      plan([a('A', 'S1', 500, 600), a('A', 'S2', 12, 300), a('B', 'S3', 30, 300)]),
      { shelters: [shelter('S1', 600), shelter('S2', 100), shelter('S3', 100)] },
    );
    expect(out.assignments.map((x) => `${x.village}→${x.shelter}:${x.people}`).sort()).toEqual([
      'A→S1:512',
      'B→S3:30',
    ]);
    expect(out.totals.splitVillages).toBe(0);
    expect(out.totals.personMinutes).toBeCloseTo((512 * 600 + 30 * 300) / 60);
  });

  it('does not overfill a shelter, drive much farther, or take vulnerable people from care', () => {
    const shelters = [shelter('S1', 505), shelter('S2', 100), shelter('S3', 900, true)];
    const keep = (p: Plan) => p.assignments.map((x) => `${x.shelter}:${x.people}`).sort();
    // S1 has room for 5 more only.
    expect(
      keep(consolidateSplits(plan([a('A', 'S1', 500, 600), a('A', 'S2', 12, 300)]), { shelters })),
    ).toEqual(['S1:500', 'S2:12']);
    // S1 has room, but it is 20 minutes farther than the fragment's own shelter.
    expect(
      keep(consolidateSplits(plan([a('A', 'S1', 400, 1500), a('A', 'S2', 12, 300)]), { shelters })),
    ).toEqual(['S1:400', 'S2:12']);
    // The fragment's vulnerable people are at the clinic (S3); S1 has none.
    expect(
      keep(
        consolidateSplits(plan([a('A', 'S1', 400, 600), a('A', 'S3', 12, 500, 12)]), { shelters }),
      ),
    ).toEqual(['S1:400', 'S3:12']);
  });
});
