import { checkinOf, type RollState } from '../../shared/people/roll.ts';
import type { Register } from '../../shared/people/register.ts';
import type {
  CheckIn,
  RegisteredPerson,
  Shelter,
  TransferPlan,
  TransferProgress,
} from '../../shared/protocol/index.ts';

const MIN = 60_000;
/** Over how long after a village arrives its people are checked in (the vulnerable last). */
const SPREAD_MS = 45 * MIN;
/** The most check-ins one step publishes: a huge plan fills the roll over more steps. */
const MAX_PER_STEP = 500;

/** A stable number in [0, 1) from a person's code: their fate is the same on every run. */
function unit(code: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1_000_003) / 1_000_003;
}

interface Queue {
  /** The village's registered people, by when they will be checked in. */
  people: {
    person: RegisteredPerson;
    afterMs: number;
    fate: 'shelter' | 'relatives' | 'missing';
  }[];
  cursor: number;
  arrivedAt: number;
}

/**
 * The exercise's transfer by name: once a village of the plan in force has arrived at its
 * shelters, its registered people are checked in over the next 45 simulated minutes — nine in
 * ten at the plan's shelters (in the plan's proportions), one in twenty with relatives, and the
 * rest never, so the board always has someone to find (the vulnerable arrive last).
 */
export class ExerciseCheckins {
  private planId: string | null = null;
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly register: Register) {}

  step(
    simMs: number,
    plan: TransferPlan | null,
    progress: ReadonlyMap<string, TransferProgress>,
    shelters: ReadonlyMap<string, Shelter>,
    roll: RollState,
  ): CheckIn[] {
    if (!plan) return [];
    if (plan.id !== this.planId) {
      this.planId = plan.id;
      this.queues.clear();
    }
    const out: CheckIn[] = [];
    const villages = new Set(plan.assignments.map((a) => a.village));
    for (const village of villages) {
      const status = progress.get(village)?.status;
      if (status !== 'arrived' && status !== 'sheltered') continue;
      const q = this.queues.get(village) ?? this.queue(village, simMs);
      this.queues.set(village, q);
      const targets = plan.assignments.filter((a) => a.village === village);
      const total = targets.reduce((n, a) => n + a.people, 0);
      while (q.cursor < q.people.length && out.length < MAX_PER_STEP) {
        const next = q.people[q.cursor];
        if (!next || q.arrivedAt + next.afterMs > simMs) break;
        q.cursor++;
        if (next.fate === 'missing' || checkinOf(roll, next.person.code)) continue;
        let place = village;
        let placeName = '投亲靠友';
        if (next.fate === 'shelter') {
          // The plan's shelters of the village, in its proportions.
          let pick = unit(next.person.code, 7) * total;
          const a = targets.find((t) => (pick -= t.people) < 0) ?? targets[0];
          const s = a ? shelters.get(a.shelter) : undefined;
          if (!s) continue;
          place = s.id;
          placeName = s.name;
        }
        out.push({
          code: next.person.code,
          village,
          kind: next.fate === 'shelter' ? 'shelter' : 'relatives',
          place,
          placeName,
          at: new Date().toISOString(),
          scan: `exercise-${next.person.code}`,
          by: `${placeName}（演练）`,
        });
      }
    }
    return out;
  }

  private queue(village: string, simMs: number): Queue {
    const people = this.register.people(village).map((person) => {
      const u = unit(person.code, 1);
      const fate: Queue['people'][number]['fate'] =
        u < 0.92 ? 'shelter' : u < 0.97 ? 'relatives' : 'missing';
      const late = person.vulnerable.length > 0 ? 0.4 : 0;
      return { person, fate, afterMs: (late + (1 - late) * unit(person.code, 2)) * SPREAD_MS };
    });
    people.sort((a, b) => a.afterMs - b.afterMs);
    return { people, cursor: 0, arrivedAt: simMs };
  }
}
