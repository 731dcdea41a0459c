import { describe, expect, it } from 'vitest';
import type { Team } from './team.ts';
import { teamMoved } from './team-move.ts';

const team = { id: 'TM1', position: [113.6, 34.7] } as unknown as Team;

describe('a team position fix', () => {
  it('moves the team and stamps the fix time', () => {
    const moved = teamMoved(
      team,
      { id: 'TM1', position: [113.61, 34.71], at: '2026-12-01T08:00:05Z' },
      'x',
    );
    expect(moved).toMatchObject({ position: [113.61, 34.71], positionAt: '2026-12-01T08:00:05Z' });
  });

  it('keeps an older fix as history only: the team stays at the newer one', () => {
    const now = { ...team, positionAt: '2026-12-01T08:00:05Z' };
    expect(
      teamMoved(now, { id: 'TM1', position: [1, 1], at: '2026-12-01T08:00:00Z' }, 'x'),
    ).toBeNull();
    // Without its own time, a move is as of its event.
    expect(
      teamMoved(now, { id: 'TM1', position: [2, 2] }, '2026-12-01T08:00:09Z')?.positionAt,
    ).toBe('2026-12-01T08:00:09Z');
  });
});
