import { describe, expect, it } from 'vitest';
import type { Team } from '../protocol/index.ts';
import { assignTeams, PEOPLE_PER_TEAM } from './team-assignment.ts';

const team = (id: string, townshipCode: string, lon: number, patch: Partial<Team> = {}): Team =>
  ({
    id,
    name: id,
    townshipCode,
    status: 'available',
    skills: [],
    position: [lon, 34.7],
    ...patch,
  }) as Team;

describe('teams per township', () => {
  it('takes the township’s own teams first, then the nearest free ones, water rescue for boats', () => {
    const teams = [
      team('own', 'T1', 113.9),
      team('near', 'T2', 113.61),
      team('far', 'T2', 113.8),
      team('boat', 'T3', 113.85, { skills: ['water_rescue'] }),
      team('busy', 'T1', 113.6, { status: 'on_scene' }),
    ];
    const [t1] = assignTeams(
      [
        {
          townshipCode: 'T1',
          moving: PEOPLE_PER_TEAM * 3,
          byBoat: 10,
          centre: [113.6, 34.7],
        },
      ],
      teams,
    );
    // Three teams: the boat-trained one for the people leaving by boat, then its own, then the
    // nearest; never the busy one.
    expect(t1).toEqual({
      townshipCode: 'T1',
      needed: 3,
      teamIds: ['boat', 'own', 'near'],
      fromElsewhere: 2,
    });
  });

  it('lets the township with most people choose first and shows the shortfall', () => {
    const teams = [team('a', 'T1', 113.6), team('b', 'T2', 113.7)];
    const out = assignTeams(
      [
        { townshipCode: 'T1', moving: 100, byBoat: 0, centre: [113.6, 34.7] },
        { townshipCode: 'T2', moving: PEOPLE_PER_TEAM * 2, byBoat: 0, centre: [113.7, 34.7] },
      ],
      teams,
    );
    expect(out.map((a) => [a.townshipCode, a.teamIds, a.needed])).toEqual([
      ['T1', [], 1],
      ['T2', ['b', 'a'], 2],
    ]);
  });
});
