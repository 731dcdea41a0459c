import type { z } from 'zod';
import type { TeamMove } from './feed-event.ts';
import type { Team } from './team.ts';

/**
 * A team after a position fix (`team:move`), the same on the gateway and in the browser: moved
 * and stamped with the fix's time, or null when the fix is older than the one the team already
 * has (a GPS report that arrives late is history, not where the team is).
 */
export function teamMoved(
  team: Team,
  move: z.infer<typeof TeamMove>,
  eventTime: string,
): Team | null {
  const at = move.at ?? eventTime;
  if (team.positionAt !== undefined && Date.parse(at) < Date.parse(team.positionAt)) return null;
  return { ...team, position: move.position, positionAt: at };
}
