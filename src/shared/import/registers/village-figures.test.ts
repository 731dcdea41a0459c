import { describe, expect, it } from 'vitest';
import type { AdminArea } from '../../protocol/index.ts';
import type { SourceTable } from '../sheet-header.ts';
import {
  isVillageFigures,
  readVillageFigures,
  VILLAGE_FIGURE_COLUMNS,
  VILLAGE_FIGURES_EXAMPLE,
} from './village-figures.ts';

const village = (code: string, name: string, population: number): AdminArea => ({
  code,
  level: 'village',
  name,
  parentCode: code.slice(0, 9),
  population,
  households: Math.round(population / 2.5),
  vulnerable: { elderlyAlone: 3, disabled: 2, bedridden: 1, pregnant: 1, childrenLeftBehind: 4 },
  seat: [113.6, 34.7],
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [113.5, 34.6],
        [113.7, 34.6],
        [113.7, 34.8],
        [113.5, 34.6],
      ],
    ],
  },
  synthetic: false,
});
const VILLAGES = [
  village('410103001001', '西村', 1000),
  village('410103001002', '东村', 800),
  village('410103001003', '南村', 600),
];
const table = (rows: unknown[][]): SourceTable => ({
  file: '人口.xlsx',
  sheet: 'Sheet1',
  rows: rows as SourceTable['rows'],
});
const HEADER = [
  '村（社区）代码',
  '村名',
  '常住人口',
  '户数',
  '65岁以上人数',
  '残疾人数',
  '留守儿童',
];

describe('reading a village population register', () => {
  it('is told apart from the entity registers by its code and population columns', () => {
    expect(isVillageFigures(table([['标题'], HEADER]))).toBe(true);
    expect(isVillageFigures(table([['应急避难场所名称', '可容纳人数', '经度', '纬度']]))).toBe(
      false,
    );
  });

  it('replaces the figures of the villages it names and keeps the rest, blank cells included', () => {
    const r = readVillageFigures(
      table([
        ['某区村（社区）人口与重点人群（2026年）'],
        HEADER,
        ['410103001001', '西村', 1250, 480, 210, 9, ''],
        ['410103001002', '', '900人', '', '', '', 12],
      ]),
      VILLAGES,
    );
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 2, accepted: 2, refused: 0 });
    const [west, east, south] = r.villages;
    expect(west).toMatchObject({ population: 1250, households: 480, aged65: 210 });
    expect(west?.vulnerable).toEqual({ ...VILLAGES[0]?.vulnerable, disabled: 9 });
    expect(east).toMatchObject({ population: 900, households: 320 });
    expect(east?.vulnerable.childrenLeftBehind).toBe(12);
    expect(east && 'aged65' in east).toBe(false);
    expect(south).toBe(VILLAGES[2]);
  });

  it('refuses, with the row and the column, codes it does not know, repeats, contradictions and bad numbers', () => {
    const r = readVillageFigures(
      table([
        HEADER,
        ['410103001001', '西村', 1250, '', '', '', ''],
        ['410103001001', '', 1260, '', '', '', ''],
        ['410103001099', '', 100, '', '', '', ''],
        ['4101030010', '', 100, '', '', '', ''],
        ['410103001002', '北村', 100, '', '', '', ''],
        ['410103001003', '', '六百', '', '', '', ''],
        ['410103001003', '', 5, '', '', 9, ''],
        ['410103001003', '', '', '', '', '', ''],
      ]),
      VILLAGES,
    );
    const errors = r.problems.map((p) => [p.row, p.column, p.reason.zh]);
    expect(errors).toEqual([
      [3, '村（社区）代码', '与第 2 行重复'],
      [4, '村（社区）代码', '辖区内没有这个村（社区）代码'],
      [5, '村（社区）代码', '应为 12 位村（社区）代码'],
      [6, '村名', '代码 410103001002 是东村，不是北村'],
      [7, '常住人口', '应为数字'],
      [8, null, expect.stringContaining('exceed the population')],
      [9, '常住人口', '必填，不能为空'],
    ]);
    expect(r).toMatchObject({ rows: 8, accepted: 1, refused: 7 });
    expect(r.villages[0]?.population).toBe(1250);
    expect(r.villages.slice(1)).toEqual(VILLAGES.slice(1));
  });

  it('skips the template’s example row left as it is', () => {
    const columns = VILLAGE_FIGURE_COLUMNS.map((c) => c.field);
    const r = readVillageFigures(
      table([
        VILLAGE_FIGURE_COLUMNS.map((c) => c.names[0] ?? c.field),
        columns.map((f) => VILLAGE_FIGURES_EXAMPLE[f] ?? ''),
      ]),
      VILLAGES,
    );
    expect(r.problems.map((p) => [p.level, p.reason.zh])).toEqual([
      ['warning', '模板示例行，未导入'],
    ]);
    expect(r.villages).toEqual(VILLAGES);
  });
});
