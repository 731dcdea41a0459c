import { describe, expect, it } from 'vitest';
import { readRegister } from '../read-register.ts';
import type { SourceTable } from '../sheet-header.ts';
import { TARGET } from '../test-jurisdiction.ts';
import { STATIONS } from './stations.ts';

const table = (rows: unknown[][]): SourceTable => ({
  file: '测站.xlsx',
  sheet: '测站',
  rows: rows as SourceTable['rows'],
});

describe('reading a station register', () => {
  it('reads each kind with its levels, and refuses what a kind needs and lacks, by row and column', () => {
    const r = readRegister(
      STATIONS,
      table([
        [
          '测站编码',
          '测站名称',
          '站类',
          '所在河流',
          '警戒水位',
          '保证水位',
          '汛限水位',
          '积水报警深度',
          '经度',
          '纬度',
          '村（社区）代码',
        ],
        ['41010021', '贾鲁河某站', '水位站', '贾鲁河', 106.4, 108.5, '', '', 113.55, 34.7, ''],
        ['41010030', '某某水库', '水库', '某某水库', '', '', 150.2, '', 113.65, 34.75, ''],
        ['41010050', '某桥下穿积水点', '积水点', '', '', '', '', 0.27, '', '', '410103001002'],
        ['4101', '编码太短', '雨量站', '', '', '', '', '', 113.6, 34.7, ''],
        ['41010022', '缺保证水位', '水位站', '贾鲁河', 106.4, '', '', '', 113.6, 34.7, ''],
        ['41010031', '缺汛限水位', '水库', '', '', '', '', '', 113.6, 34.7, ''],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.entities).toEqual([
      expect.objectContaining({
        code: '41010021',
        kind: 'river',
        water: '贾鲁河',
        levels: { warning: 106.4, guarantee: 108.5 },
      }),
      expect.objectContaining({
        code: '41010030',
        kind: 'reservoir',
        levels: { floodLimit: 150.2 },
      }),
      expect.objectContaining({
        code: '41010050',
        kind: 'waterlogging',
        depthAlarmM: 0.27,
        approximate: true,
      }),
    ]);
    const errors = r.problems.filter((p) => p.level === 'error');
    expect(errors.map((p) => p.row)).toEqual([5, 6, 7]);
    expect(errors[0]).toMatchObject({ column: '测站编码', value: '4101' });
    expect(errors[1]).toMatchObject({ column: '保证水位' });
    expect(errors[1]?.reason.zh).toContain('保证水位');
    expect(errors[2]).toMatchObject({ column: '汛限水位' });
    expect(errors[2]?.reason.zh).toContain('汛限水位');
  });
});
