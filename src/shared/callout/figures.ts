import type { Callout, CalloutTier } from '../protocol/index.ts';

/** One area's 叫应 at a glance: who of its persons answered, who is still being called. */
export interface AreaRollup {
  areaCode: string;
  areaName: string;
  tier: CalloutTier;
  total: number;
  answered: number;
  /** Still being called. */
  waiting: number;
  /** Called every round, never answered. */
  unanswered: number;
  /** When the longest wait of its still-waiting persons began (ms), null when none waits. */
  oldestWait: number | null;
  /** Its callouts, the longest waiting first. */
  callouts: Callout[];
}

const waitedSince = (c: Callout) => Date.parse(c.openedAt);

/**
 * Per area: answered / waiting, areas with someone still waiting first (the oldest wait first),
 * then those that went unanswered, then the all-answered ones by name.
 */
export function areaRollups(callouts: Iterable<Callout>): AreaRollup[] {
  const areas = new Map<string, AreaRollup>();
  for (const c of callouts) {
    let a = areas.get(c.areaCode);
    if (!a) {
      a = {
        areaCode: c.areaCode,
        areaName: c.areaName,
        tier: c.tier,
        total: 0,
        answered: 0,
        waiting: 0,
        unanswered: 0,
        oldestWait: null,
        callouts: [],
      };
      areas.set(c.areaCode, a);
    }
    a.total++;
    a.callouts.push(c);
    if (c.status === 'answered') a.answered++;
    else if (c.status === 'unanswered') a.unanswered++;
    else {
      a.waiting++;
      a.oldestWait = Math.min(a.oldestWait ?? Infinity, waitedSince(c));
    }
  }
  const order = (c: Callout) => (c.status === 'answered' ? 2 : c.status === 'unanswered' ? 1 : 0);
  for (const a of areas.values())
    a.callouts.sort((x, y) => order(x) - order(y) || waitedSince(x) - waitedSince(y));
  return [...areas.values()].sort(
    (x, y) =>
      (x.oldestWait ?? Infinity) - (y.oldestWait ?? Infinity) ||
      y.unanswered - x.unanswered ||
      x.areaName.localeCompare(y.areaName, 'zh-CN'),
  );
}

/** Answered within `ms` of the first call, out of those whose outcome is known. */
export interface WithinFigure {
  answered: number;
  /** Callouts answered, or called longer than `ms` ago (the ones still inside it are not counted). */
  decided: number;
  /** answered / decided, null while nothing is decided. */
  share: number | null;
}

export function answeredWithin(callouts: Iterable<Callout>, ms: number, now: number): WithinFigure {
  let answered = 0;
  let decided = 0;
  for (const c of callouts) {
    const opened = Date.parse(c.openedAt);
    const at = c.answeredAt ? Date.parse(c.answeredAt) : null;
    if (at !== null && at - opened <= ms) {
      answered++;
      decided++;
    } else if (at !== null || now - opened > ms) decided++;
  }
  return { answered, decided, share: decided > 0 ? answered / decided : null };
}

/** The callouts of each warning (or firing) they were made for, newest first. */
export function byTrigger(
  callouts: Iterable<Callout>,
): { ref: string; headline: string; level: Callout['level']; callouts: Callout[] }[] {
  const refs = new Map<
    string,
    { ref: string; headline: string; level: Callout['level']; callouts: Callout[]; opened: number }
  >();
  for (const c of callouts) {
    const r = refs.get(c.ref);
    if (r) {
      r.callouts.push(c);
      r.opened = Math.max(r.opened, Date.parse(c.openedAt));
    } else
      refs.set(c.ref, {
        ref: c.ref,
        headline: c.headline,
        level: c.level,
        callouts: [c],
        opened: Date.parse(c.openedAt),
      });
  }
  return [...refs.values()]
    .sort((a, b) => b.opened - a.opened)
    .map(({ opened: _opened, ...r }) => r);
}
