import { describe, expect, it } from 'vitest';
import { wgsToGcj } from '../geo/gcj02.ts';
import type { Shelter } from '../protocol/index.ts';
import { readRegister } from './read-register.ts';
import { REGISTERS } from './registers/index.ts';
import { TARGET } from './test-jurisdiction.ts';
import type { SourceTable } from './sheet-header.ts';
import { COMMON_COLUMNS, type RegisterSpec } from './register-spec.ts';
import { CAMERAS } from './registers/cameras.ts';
import { DEPOTS } from './registers/depots.ts';
import { GRID_MEMBERS } from './registers/grid-members.ts';
import { RISK_POINTS } from './registers/risk-points.ts';
import { SHELTERS } from './registers/shelters.ts';
import { TEAMS } from './registers/teams.ts';

const HEADER = [
  '应急避难场所名称',
  '场所类型',
  '可容纳人数',
  '经度',
  '纬度',
  '适用灾种',
  '负责人',
  '联系电话',
];
const table = (rows: unknown[][]): SourceTable => ({
  file: 'shelters.xlsx',
  sheet: '避难场所',
  rows: rows as SourceTable['rows'],
});

describe('reading a shelter register', () => {
  it('finds the header below a title row, maps the bureau’s columns and places each row', () => {
    const r = readRegister(
      SHELTERS,
      table([
        ['二七区应急避难场所名录（2026年）'],
        [],
        HEADER,
        ['第一中学', '学校', '1,200人', 113.55, 34.7, '洪水、地震', '张三', '10012345678'],
        ['东村广场', '广场', 800, '113.65', '34.70', '地震', '', ''],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(2);
    const [school, square] = r.entities;
    expect(school).toMatchObject({
      name: '第一中学',
      type: 'school',
      capacityDay: 1200,
      capacityNight: 1200,
      safeFor: ['flood', 'earthquake'],
      townshipCode: '410103001',
      villageCode: '410103001001',
      position: [113.55, 34.7],
      manager: { name: '张三', phone: '10012345678' },
    });
    expect(square?.villageCode).toBe('410103001002');
    expect(square?.manager).toBeUndefined();
  });

  it('reports every refused row with its row, column, value and reason, and keeps the good ones', () => {
    const r = readRegister(
      SHELTERS,
      table([
        HEADER,
        ['好学校', '学校', 100, 113.55, 34.7, '洪水'],
        ['坏数字', '学校', '很多', 113.55, 34.7, '洪水'],
        ['无类型', '飞船', 100, 113.55, 34.7, '洪水'],
        ['远处', '学校', 100, 114.2, 34.7, '洪水'],
        ['无位置', '学校', 100, '', '', '洪水'],
        ['好学校', '学校', 100, 113.55, 34.7, '洪水'],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.entities.map((e) => e.name)).toEqual(['好学校']);
    expect(r.refused).toBe(5);
    const errors = r.problems.filter((p) => p.level === 'error');
    expect(errors.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, '可容纳人数', '很多'],
      [4, '场所类型', '飞船'],
      [5, '经度', '114.2, 34.7'],
      [6, null, ''],
      [7, '应急避难场所名称', 'SH-' + (r.entities[0]?.id.slice(3) ?? '')],
    ]);
    expect(errors[0]?.reason.zh).toBe('应为数字');
    expect(errors[1]?.reason.zh).toContain('不是已知的场所类型');
    expect(errors[2]?.reason.zh).toMatch(/辖区外约 \d+ 公里/);
    expect(errors[4]?.reason).toEqual({ zh: '与第 2 行重复', en: 'same as row 2' });
  });

  it('puts swapped longitude and latitude right and says so; converts GCJ-02 to WGS-84', () => {
    const gcj = wgsToGcj([113.55, 34.7]);
    const r = readRegister(
      SHELTERS,
      table([
        HEADER,
        ['对调', '学校', 100, 34.7, 113.55, '洪水'],
        ['高德坐标', '学校', 100, gcj[0], gcj[1], '洪水'],
      ]),
      TARGET,
      'gcj02',
      [],
    );
    expect(r.entities).toHaveLength(2);
    const warned = r.problems.filter((p) => p.level === 'warning');
    expect(warned.map((p) => p.row)).toEqual([2]);
    expect(warned[0]?.reason.zh).toContain('填反');
    const [, gaode] = r.entities;
    expect(gaode?.position[0]).toBeCloseTo(113.55, 5);
    expect(gaode?.position[1]).toBeCloseTo(34.7, 5);
  });

  it('places a row without coordinates at its village, approximately, and says so', () => {
    const r = readRegister(
      SHELTERS,
      table([
        ['名称', '类型', '容纳人数', '行政区划代码', '适用灾种'],
        ['村委会', '社区服务中心', 50, '410103001002', '内涝'],
        ['不存在的村', '学校', 50, '410103009009', '内涝'],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.entities.map((e) => e.position)).toEqual([[113.65, 34.7]]);
    expect(r.problems.map((p) => [p.level, p.row, p.reason.zh])).toEqual([
      ['warning', 2, '无坐标，按东村的位置近似定位'],
      ['error', 3, '辖区内没有这个村（社区）代码'],
    ]);
  });

  it('refuses a file without the required columns, naming them and their synonyms', () => {
    const r = readRegister(
      SHELTERS,
      table([
        ['名称', '经度', '纬度'],
        ['甲', 113.55, 34.7],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.entities).toEqual([]);
    expect(r.problems.filter((p) => p.level === 'error').map((p) => p.reason.zh)).toEqual([
      '缺少必填列“场所类型”（也可写作：避难场所类型、类型）',
      '缺少必填列“容纳人数”（也可写作：可容纳人数、避难所容纳人数、设计容纳人数、日间容纳人数）',
    ]);
  });

  it('gives a row without an id the id it had, so importing the same file twice changes nothing', () => {
    const rows = table([HEADER, ['第一中学', '学校', 100, 113.55, 34.7, '洪水']]);
    const first = readRegister(SHELTERS, rows, TARGET, 'wgs84', []);
    const again = readRegister(SHELTERS, rows, TARGET, 'wgs84', first.entities);
    expect(again.entities).toEqual(first.entities);
    const renamed = readRegister(SHELTERS, rows, TARGET, 'wgs84', [
      { ...(first.entities[0] as Shelter), id: 'SH0042' },
    ]);
    expect(renamed.entities[0]?.id).toBe('SH0042');
  });
});

describe('reading team and depot registers', () => {
  it('reads a team with its skills and one column per item of equipment', () => {
    const r = readRegister(
      TEAMS,
      table([
        [
          '队伍名称',
          '队伍类型',
          '队伍总人数',
          '专业特长',
          '冲锋舟',
          '救生衣',
          '抽水泵',
          '经度',
          '纬度',
          '队长',
          '联系电话',
        ],
        [
          '示例水域救援队',
          '专业救援队伍',
          32,
          '水域救援、排涝、飞行表演',
          4,
          60,
          '',
          113.65,
          34.7,
          '李四',
          '10099998888',
        ],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    const [team] = r.entities;
    expect(team).toMatchObject({
      kind: 'professional',
      members: 32,
      skills: ['water_rescue', 'drainage'],
      equipment: { assault_boat: 4, life_jacket: 60 },
      status: 'available',
      townshipCode: '410103001',
      homeBase: [113.65, 34.7],
      leader: { name: '李四', phone: '10099998888' },
    });
    // An unknown speciality is said, and the team still comes in.
    expect(r.problems.map((p) => [p.level, p.column, p.value])).toEqual([
      ['warning', '专业特长', '飞行表演'],
    ]);
  });

  it('reads a depot; a city depot belongs to no township', () => {
    const r = readRegister(
      DEPOTS,
      table([
        ['储备库名称', '级别', '帐篷', '编织袋', '经度', '纬度'],
        ['市级储备库', '市级', 200, 50000, 113.55, 34.7],
        ['街道储备点', '乡镇级', 20, '', 113.65, 34.7],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.problems).toEqual([]);
    const [city, township] = r.entities;
    expect(city).toMatchObject({
      level: 'city',
      townshipCode: null,
      countyCode: '410103',
      inventory: { tent: 200, sandbag: 50000 },
    });
    expect(township).toMatchObject({
      level: 'township',
      townshipCode: '410103001',
      inventory: { tent: 20 },
    });
  });
});

describe('reading risk point and camera registers', () => {
  it('reads the census’s hazard points: type, level, deadline in any usual form, who answers for it', () => {
    const r = readRegister(
      RISK_POINTS,
      table([
        [
          '隐患点编号',
          '隐患点名称',
          '隐患类型',
          '风险等级',
          '整改状态',
          '整改期限',
          '威胁人数',
          '防灾责任人',
          '防灾责任人电话',
          '经度',
          '纬度',
        ],
        [
          'YH-001',
          '东村下穿桥',
          '下穿通道',
          'Ⅱ级',
          '整改中',
          '2026年6月30日',
          120,
          '赵六',
          '10055556666',
          113.65,
          34.7,
        ],
        [
          'YH-002',
          '西村坑塘',
          '坑塘',
          '四级',
          '已销号',
          new Date(Date.UTC(2026, 4, 1)),
          '',
          '',
          '',
          113.55,
          34.7,
        ],
        ['YH-003', '错日期', '危房', 'Ⅲ级', '整改中', '2026-02-30', '', '', '', 113.55, 34.7],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.entities).toHaveLength(2);
    expect(r.entities[0]).toMatchObject({
      id: 'YH-001',
      type: 'bridge_culvert',
      level: 'II',
      status: 'rectification_assigned',
      rectificationDeadline: '2026-06-30',
      description: '威胁 120 人',
      villageCode: '410103001002',
      responsible: { name: '赵六', phone: '10055556666' },
    });
    // A closed point has no deadline left.
    expect(r.entities[1]).toMatchObject({
      level: 'IV',
      status: 'closed',
      rectificationDeadline: null,
    });
    expect(r.problems.map((p) => [p.row, p.column, p.reason.zh])).toEqual([
      [4, '整改期限', '没有这一天'],
    ]);
  });

  it('reads cameras with their stream, and refuses a stream address that is not a web address', () => {
    const r = readRegister(
      CAMERAS,
      table([
        ['点位名称', '点位类型', '视频流地址', '朝向', '经度', '纬度'],
        ['东村桥下', '下穿通道', 'https://video.example.cn/live/1.m3u8', 45, 113.65, 34.7],
        ['坏地址', '河道', 'javascript:alert(1)', '', 113.55, 34.7],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.entities).toEqual([
      expect.objectContaining({
        site: 'underpass',
        bearing: 45,
        fov: 90,
        rangeM: 150,
        online: true,
        townshipCode: '410103001',
      }),
    ]);
    expect(r.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, '视频流地址', 'javascript:alert(1)'],
    ]);
  });
});

describe('reading a grid member register', () => {
  it('places a member given only a village code at its committee, and says the position is approximate', () => {
    const r = readRegister(
      GRID_MEMBERS,
      table([
        ['网格员姓名', '手机号码', '专兼职', '村（社区）代码', '经度', '纬度'],
        ['张三', '100 0000 0001', '专职', '410103001002', '', ''],
        ['李四', '10000000002', '', '', 113.55, 34.7],
        ['王五', '', '兼职', '410103001001', '', ''],
        ['赵六', '10000000004', '临时', '410103001001', '', ''],
      ]),
      TARGET,
      'wgs84',
      [],
    );
    expect(r.entities).toEqual([
      expect.objectContaining({
        name: '张三',
        phone: '10000000001',
        fullTime: true,
        online: false,
        villageCode: '410103001002',
        position: [113.65, 34.7],
        approximate: true,
      }),
      expect.objectContaining({ name: '李四', fullTime: false, villageCode: '410103001001' }),
    ]);
    expect(r.entities[1]).not.toHaveProperty('approximate');
    expect(r.problems.filter((p) => p.level === 'error').map((p) => [p.row, p.column])).toEqual([
      [4, '手机号码'],
      [5, '专兼职'],
    ]);
  });
});

describe('reading a register whose headers the officer mapped by hand', () => {
  const sheet = table([
    ['单位名称', '类别', '收容人数', '东经', '北纬', '备注'],
    ['某某中学', '学校', 800, 113.55, 34.7, '新建'],
  ]);

  it('says which headers it did not know, and reads them as the fields they were mapped to', () => {
    const unmapped = readRegister(SHELTERS, sheet, TARGET, 'wgs84', []);
    expect(unmapped.entities).toEqual([]);
    expect(unmapped.headers).toEqual(['单位名称', '类别', '收容人数', '东经', '北纬', '备注']);
    // 东经 and 北纬 are the usual other names of longitude and latitude.
    expect(unmapped.unknown).toEqual(['单位名称', '类别', '收容人数', '备注']);

    const mapped = readRegister(SHELTERS, sheet, TARGET, 'wgs84', [], {
      单位名称: 'name',
      类别: 'type',
      收容人数: 'capacityDay',
    });
    expect(mapped.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(mapped.entities).toEqual([
      expect.objectContaining({ name: '某某中学', type: 'school', capacityDay: 800 }),
    ]);
    expect(mapped.unknown).toEqual(['备注']);
  });
});

describe('the templates’ example rows', () => {
  // Every register, so a new one's example is checked too.
  const registers = REGISTERS;
  const sheetOf = (spec: RegisterSpec, example: Readonly<Record<string, string | number>>) => {
    const columns = [...spec.columns, ...COMMON_COLUMNS];
    return table([
      columns.map((c) => c.names[0] ?? c.field),
      columns.map((c) => example[c.field] ?? ''),
    ]);
  };

  it.each(registers.map((r) => [r.collection, r] as const))(
    'the %s example is a row the import accepts (once it is no longer the example)',
    (_, spec) => {
      const r = readRegister(
        { ...spec, example: {} },
        sheetOf(spec, spec.example),
        TARGET,
        'wgs84',
        [],
      );
      expect(r.problems.filter((p) => p.level === 'error')).toEqual([]);
      expect(r.entities).toHaveLength(1);
    },
  );

  it('skips the example left as it is, and says so', () => {
    const r = readRegister(SHELTERS, sheetOf(SHELTERS, SHELTERS.example), TARGET, 'wgs84', []);
    expect(r.entities).toEqual([]);
    expect(r.rows).toBe(0);
    expect(r.problems.map((p) => [p.level, p.row, p.reason.zh])).toEqual([
      ['warning', 2, '模板示例行，未导入'],
    ]);
    // Changed, it is data.
    const edited = readRegister(
      SHELTERS,
      sheetOf(SHELTERS, { ...SHELTERS.example, name: '某某中学' }),
      TARGET,
      'wgs84',
      [],
    );
    expect(edited.entities.map((e) => e.name)).toEqual(['某某中学']);
  });
});
