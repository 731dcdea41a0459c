import { describe, expect, it } from 'vitest';
import { decodeTable } from '../../shared/columnar/table.ts';
import { encodeRegister, registerReader, type PersonRow } from '../../shared/people/register.ts';
import { applyRoll, checkinsOf, NO_ROLL, type RollState } from '../../shared/people/roll.ts';
import type { Shelter, TransferPlan, TransferProgress } from '../../shared/protocol/index.ts';
import { ExerciseCheckins } from './exercise-checkins.ts';

const V1 = '410103001001';
const V2 = '410103001002';
const MIN = 60_000;

function register() {
  const rows: PersonRow[] = [];
  for (const village of [V1, V2])
    for (let i = 0; i < 1000; i++)
      rows.push({
        village,
        household: Math.floor(i / 3) + 1,
        surname: '王',
        given: `民${i}`,
        sex: i % 2 ? 'm' : 'f',
        born: 1960,
        vulnerable: i % 10 === 0 ? ['elderlyAlone'] : [],
      });
  return registerReader(decodeTable(encodeRegister(rows, 12345).buffer as ArrayBuffer));
}

const plan = {
  id: 'PLAN-1',
  assignments: [
    { village: V1, shelter: 'S1', people: 600, vulnerable: 0, seconds: 600 },
    { village: V1, shelter: 'S2', people: 400, vulnerable: 0, seconds: 600 },
    { village: V2, shelter: 'S1', people: 1000, vulnerable: 0, seconds: 600 },
  ],
} as TransferPlan;
const shelters = new Map(['S1', 'S2'].map((id) => [id, { id, name: `${id}安置点` } as Shelter]));
const progress = (status: TransferProgress['status']) =>
  new Map([[V1, { planId: 'PLAN-1', village: V1, status } as TransferProgress]]);

function applyAll(roll: RollState, list: ReturnType<ExerciseCheckins['step']>): RollState {
  return list.reduce(
    (r, payload, i) =>
      applyRoll(r, {
        seq: i + 1,
        time: payload.at,
        scenario: 'erqi',
        type: 'checkin:arrive',
        payload,
      }),
    roll,
  );
}

describe('the exercise’s check-ins', () => {
  it('checks an arrived village’s people in over 45 minutes, leaves a few unaccounted, and never twice', () => {
    const desk = new ExerciseCheckins(register());
    expect(desk.step(0, plan, progress('moving'), shelters, NO_ROLL)).toEqual([]);
    let roll = NO_ROLL;
    const t0 = 10 * MIN;
    for (let t = t0; t <= t0 + 50 * MIN; t += MIN)
      roll = applyAll(roll, desk.step(t, plan, progress('arrived'), shelters, roll));
    const all = checkinsOf(roll);
    // Only the arrived village; most at its two shelters in about the plan's 3:2, some with
    // relatives, some never accounted for.
    expect(all.every((c) => c.village === V1)).toBe(true);
    const at = (place: string) => all.filter((c) => c.place === place).length;
    expect(at('S1') + at('S2')).toBeGreaterThan(880);
    expect(at('S1') / at('S2')).toBeGreaterThan(1.2);
    expect(at('S1') / at('S2')).toBeLessThan(1.8);
    const relatives = all.filter((c) => c.kind === 'relatives').length;
    expect(relatives).toBeGreaterThan(20);
    expect(1000 - all.length).toBeGreaterThan(10);
    // Nothing more comes, and a fresh desk after a restart repeats no one already in.
    expect(desk.step(t0 + 60 * MIN, plan, progress('sheltered'), shelters, roll)).toEqual([]);
    expect(
      new ExerciseCheckins(register()).step(0, plan, progress('sheltered'), shelters, roll),
    ).toEqual([]);
    expect(
      new ExerciseCheckins(register()).step(60 * MIN, plan, progress('sheltered'), shelters, roll),
    ).toEqual([]);
  });
});
