import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { TownshipTransfer } from '../../../shared/transfer/plan-job.ts';
import { displayCell, townshipColumns, townshipSheet } from './township-columns.ts';

// Keys for headers; "n/needed" for the teams cell.
const t = ((key: string, o?: { n?: number; needed?: number }) =>
  o?.needed !== undefined ? `${o.n}/${o.needed}` : key) as unknown as TFunction;
const x: TownshipTransfer = {
  townshipCode: '410103001',
  villages: 3,
  people: 12_345,
  vulnerable: 678,
  unplaced: 0,
  busTrips: 40,
  boatTrips: 2,
  teamIds: ['T1', 'T2'],
  teamsNeeded: 3,
  teamsFromElsewhere: 1,
  hours: 5.04,
};

describe('township summary columns', () => {
  it('give the sheet raw numbers and the screen formatted ones, from one definition', () => {
    const columns = townshipColumns(
      ['township', 'people', 'teams', 'hours', 'teamNames'],
      t,
      () => '淮河路街道',
      (id) => `队伍${id}`,
    );
    expect(townshipSheet('按乡镇', columns, [x])).toEqual({
      title: '按乡镇',
      header: [
        'transfer.township',
        'transfer.people',
        'transfer.teams',
        'transfer.hours',
        'transfer.teamNames',
      ],
      rows: [['淮河路街道', 12_345, '2/3', 5, '队伍T1、队伍T2']],
    });
    const n = new Intl.NumberFormat('zh-CN');
    expect(columns.map((c) => displayCell(c, x, n))).toEqual([
      '淮河路街道',
      '12,345',
      '2/3',
      '5.0',
      '队伍T1、队伍T2',
    ]);
  });
});
