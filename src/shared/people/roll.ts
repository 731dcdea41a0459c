import type { CheckIn, FeedEvent } from '../protocol/index.ts';

/**
 * 点名: who of the transfer registers has been accounted for, in the order they were. A person's
 * first check-in stands (a second scan is the gateway's `already`, never a new event).
 *
 * Up to 100,000 check-ins an hour must not copy the whole list on every one, yet every side
 * treats the state as a value (the console's caches, the replay player). So versions share one
 * append-only list and one index: a version is the list up to its `count`, and an index entry
 * at or past it belongs to a later version. Adding to the newest version appends in place;
 * adding to an older one (a branch, which no caller makes today) copies first.
 */
export interface RollState {
  readonly entries: readonly CheckIn[];
  readonly count: number;
  /** Safe code → position in `entries`. */
  readonly index: ReadonlyMap<string, number>;
}

export const NO_ROLL: RollState = { entries: [], count: 0, index: new Map() };

/** The check-ins of `roll`, oldest first. */
export function checkinsOf(roll: RollState): readonly CheckIn[] {
  return roll.count === roll.entries.length ? roll.entries : roll.entries.slice(0, roll.count);
}

/** The person's check-in in this version, if any. */
export function checkinOf(roll: RollState, code: string): CheckIn | undefined {
  const at = roll.index.get(code);
  return at !== undefined && at < roll.count ? roll.entries[at] : undefined;
}

export function rollOf(checkins: readonly CheckIn[]): RollState {
  let roll = NO_ROLL;
  for (const c of checkins) roll = withCheckin(roll, c);
  return roll;
}

function withCheckin(roll: RollState, c: CheckIn): RollState {
  if (checkinOf(roll, c.code)) return roll;
  let { entries, index } = roll;
  if (roll.count !== entries.length || roll === NO_ROLL) {
    entries = entries.slice(0, roll.count);
    index = new Map(entries.map((e, i) => [e.code, i]));
  }
  (entries as CheckIn[]).push(c);
  (index as Map<string, number>).set(c.code, roll.count);
  return { entries, count: roll.count + 1, index };
}

/** The roll with one event applied. */
export function applyRoll(roll: RollState, e: FeedEvent): RollState {
  return e.type === 'checkin:arrive' ? withCheckin(roll, e.payload) : roll;
}
