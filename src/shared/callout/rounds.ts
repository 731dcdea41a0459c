import type { Callout } from '../protocol/index.ts';

/** How long a person has to answer each round, and how many rounds they are called. */
export interface CalloutPolicy {
  answerMs: number;
  rounds: number;
}

/** Changzhi's rule: responsible people reached within 5 minutes; three rounds before giving up. */
export const DEFAULT_CALLOUT_POLICY: CalloutPolicy = { answerMs: 5 * 60_000, rounds: 3 };

/** What is due for an unanswered callout now. */
export type DueStep =
  /** Call again (round `attempt`); `escalate` the first time it goes unanswered. */
  | { kind: 'round'; callout: Callout; attempt: number; escalate: boolean }
  /** The last round went unanswered. */
  | { kind: 'lapse'; callout: Callout };

/**
 * The steps due at `now`, oldest first. Pure (the clock is an argument), so the escalation
 * ladder is tested with a fake clock: a callout still calling past its `dueAt` is called again;
 * the first time also escalates (the tier above is called about it); past the last round it lapses.
 */
export function dueSteps(
  callouts: Iterable<Callout>,
  now: number,
  policy: CalloutPolicy = DEFAULT_CALLOUT_POLICY,
): DueStep[] {
  const due: DueStep[] = [];
  for (const c of callouts) {
    if (c.status !== 'calling' || Date.parse(c.dueAt) > now) continue;
    if (c.attempts >= policy.rounds) due.push({ kind: 'lapse', callout: c });
    else
      due.push({ kind: 'round', callout: c, attempt: c.attempts + 1, escalate: c.attempts === 1 });
  }
  return due.sort((a, b) => Date.parse(a.callout.dueAt) - Date.parse(b.callout.dueAt));
}

/** When round `attempt`, called at `at`, is due to be followed up. */
export const nextDue = (at: number, policy: CalloutPolicy): string =>
  new Date(at + policy.answerMs).toISOString();

/** FNV-1a, 32-bit, seeded: two of them make a 64-bit key that is stable across processes. */
function fnv(s: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** One id per person per warning: every node, and a restart, names the same callout alike. */
export const calloutId = (ref: string, person: string): string =>
  `co-${fnv(ref, 0x811c9dc5)}${fnv(ref, 0x050c5d1f)}-${person}`.slice(0, 64);
