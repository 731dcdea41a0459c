import { describe, expect, it } from 'vitest';
import { decodeTable } from '../columnar/table.ts';
import type { CheckIn, FeedEvent } from '../protocol/index.ts';
import { Rng } from '../random.ts';
import { testCheckin } from './checkin-test-data.ts';
import {
  countedByName,
  townshipTallies,
  transferByName,
  unaccountedOf,
  villageTallies,
} from './accounting.ts';
import { encodeRegister, registerReader, type PersonRow } from './register.ts';
import { applyRoll, checkinsOf, NO_ROLL } from './roll.ts';

const VILLAGES = ['410103001001', '410103001002', '410103002001'];

function register(rng: Rng) {
  const rows: PersonRow[] = [];
  for (const village of VILLAGES) {
    const n = rng.int(5, 60);
    for (let i = 0; i < n; i++)
      rows.push({
        village,
        household: Math.floor(i / 3) + 1,
        surname: ['王', '李', '张'][i % 3] ?? '王',
        given: `民${i}`,
        sex: i % 2 ? 'm' : 'f',
        born: 1940 + (i % 80),
        vulnerable: rng.chance(0.2) ? ['elderlyAlone'] : rng.chance(0.05) ? ['bedridden'] : [],
      });
  }
  const bytes = encodeRegister(rows, rng.int(1, 1_000_000));
  return registerReader(decodeTable(bytes.buffer as ArrayBuffer));
}

function arrive(seq: number, c: CheckIn): FeedEvent {
  return { seq, time: c.at, scenario: 'erqi', type: 'checkin:arrive', payload: c };
}

describe('the register', () => {
  it('gives each person back by safe code, and a village its people', () => {
    const reg = register(new Rng(7));
    for (const v of reg.summary()) {
      const people = reg.people(v.village);
      expect(people).toHaveLength(v.registered);
      for (const p of people) expect(reg.byCode(p.code)).toEqual(p);
      expect(people.filter((p) => p.vulnerable.length > 0)).toHaveLength(v.vulnerable);
    }
    expect(reg.byCode('0000000')).toBeNull();
  });
});

describe('the unaccounted list', () => {
  it('is always registered − sheltered − with relatives, whatever order people arrive in', () => {
    for (let trial = 0; trial < 40; trial++) {
      const rng = new Rng(`roll-${trial}`);
      const reg = register(rng);
      const everyone = reg.summary().flatMap((v) => reg.people(v.village));
      let roll = NO_ROLL;
      const earlier: { roll: typeof roll; count: number }[] = [];
      for (let seq = 1; seq <= 150; seq++) {
        // Some people are scanned twice, at two doors: the first check-in stands.
        const p = everyone[rng.int(0, everyone.length - 1)];
        if (!p) continue;
        const kind = rng.chance(0.2) ? 'relatives' : 'shelter';
        roll = applyRoll(
          roll,
          arrive(seq, {
            code: p.code,
            village: p.village,
            kind,
            place: kind === 'shelter' ? 'S1' : p.village,
            placeName: kind === 'shelter' ? '一号安置点' : '投亲靠友',
            at: '2026-07-20T08:00:00+08:00',
            scan: `scan-${seq}-xxxx`,
            by: 'test',
          }),
        );
        if (seq % 25 === 0) earlier.push({ roll, count: roll.count });
        const tallies = villageTallies(reg.summary(), roll);
        const arrived = new Set(checkinsOf(roll).map((c) => c.code));
        for (const v of reg.summary()) {
          const t = tallies.get(v.village);
          const list = unaccountedOf(reg.people(v.village), roll);
          expect(list.length).toBe(v.registered - (t?.sheltered ?? 0) - (t?.relatives ?? 0));
          expect(t?.unaccounted).toBe(list.length);
          // The list is exactly the registered who have not arrived, the vulnerable first.
          expect(new Set(list.map((x) => x.code))).toEqual(
            new Set(
              reg
                .people(v.village)
                .filter((x) => !arrived.has(x.code))
                .map((x) => x.code),
            ),
          );
          const firstPlain = list.findIndex((x) => x.vulnerable.length === 0);
          if (firstPlain >= 0)
            expect(list.slice(firstPlain).every((x) => x.vulnerable.length === 0)).toBe(true);
        }
        const { total } = townshipTallies(tallies);
        expect(total.registered).toBe(everyone.length);
        expect(total.sheltered + total.relatives + total.unaccounted).toBe(everyone.length);
      }
      // Versions taken earlier still show what they held then.
      for (const e of earlier) expect(checkinsOf(e.roll)).toHaveLength(e.count);
    }
  });

  it('applies a check-in to an older version without touching the newer one', () => {
    const reg = register(new Rng(3));
    const [a, b, c] = reg.people(VILLAGES[0] ?? '');
    if (!a || !b || !c) throw new Error('a village needs three people');
    const make = (p: typeof a, seq: number) => arrive(seq, testCheckin(p.code, 'S1', p.village));
    const one = applyRoll(NO_ROLL, make(a, 1));
    const two = applyRoll(one, make(b, 2));
    const branch = applyRoll(one, make(c, 3));
    expect(checkinsOf(two).map((x) => x.code)).toEqual([a.code, b.code]);
    expect(checkinsOf(branch).map((x) => x.code)).toEqual([a.code, c.code]);
    expect(checkinsOf(one).map((x) => x.code)).toEqual([a.code]);
    expect(NO_ROLL.entries).toHaveLength(0);
  });
});

describe('应转尽转 by name', () => {
  it('counts registered villages by name and the others by the plan’s progress', () => {
    const register = new Map([
      ['V1', { registered: 100, sheltered: 60, relatives: 10, unaccounted: 30 }],
    ]);
    expect(
      transferByName(
        [
          { village: 'V1', people: 80, moved: 80 },
          { village: 'V2', people: 50, moved: 20 },
        ],
        register,
      ),
    ).toEqual({ moved: 90, total: 150, unaccounted: 30 });
    // Village by village, as the townships' figures and the map's labels count them.
    expect(
      countedByName(
        [
          { village: 'V1', people: 80, moved: 80, township: 'T1' },
          { village: 'V2', people: 50, moved: 20, township: 'T1' },
        ],
        register,
      ),
    ).toEqual([
      { village: 'V1', people: 100, moved: 70, township: 'T1', unaccounted: 30 },
      { village: 'V2', people: 50, moved: 20, township: 'T1', unaccounted: null },
    ]);
    expect(transferByName([{ village: 'V2', people: 50, moved: 20 }], register)).toEqual({
      moved: 20,
      total: 50,
      unaccounted: null,
    });
  });
});
