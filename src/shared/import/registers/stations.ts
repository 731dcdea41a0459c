import type { StationKind, StationLevels } from '../../protocol/index.ts';
import { number, oneOf, text } from '../cells.ts';
import { words } from '../problems.ts';
import { cellReader, type Built, type RegisterSpec, EXAMPLE_PLACE } from '../register-spec.ts';

const KIND = oneOf<StationKind>(
  {
    rain: ['雨量站', '雨量', '雨量监测站'],
    river: ['水位站', '河道站', '河道水位站', '水文站'],
    reservoir: ['水库', '水库站', '水库水位站'],
    waterlogging: ['积水监测点', '积水点', '积水', '易涝点监测'],
  },
  words('站类', 'kind'),
);

/**
 * The characteristic levels: the column (levels.warning is the levelsWarning column, as the
 * contract's checks name it), the level, its headers (metres on the station's datum).
 */
const LEVELS: readonly [string, keyof StationLevels, string[], string][] = [
  ['levelsWarning', 'warning', ['警戒水位'], 'warning level'],
  ['levelsGuarantee', 'guarantee', ['保证水位'], 'guaranteed level'],
  ['levelsFloodLimit', 'floodLimit', ['汛限水位', '汛期限制水位'], 'flood-season limit'],
  ['levelsNormal', 'normal', ['正常蓄水位'], 'normal pool level'],
  ['levelsDesign', 'design', ['设计洪水位'], 'design flood level'],
];

/**
 * 水雨情测站: rain gauges, river level stations, reservoirs and waterlogging sensors, with the
 * 测站编码 their RTUs report under and the levels their rules read. Which levels a kind needs
 * (a river station its 警戒 and 保证, a reservoir its 汛限, a sensor its alarm depth) is the
 * contract's check, reported against the row like any other.
 */
export const STATIONS: RegisterSpec<'stations'> = {
  collection: 'stations',
  name: words('水雨情测站', 'stations'),
  idPrefix: 'ST',
  example: {
    name: '示例：某某河某某站',
    code: '41010001',
    kind: '水位站',
    water: '贾鲁河',
    levelsWarning: 106.5,
    levelsGuarantee: 108.5,
    ...EXAMPLE_PLACE,
  },
  columns: [
    {
      field: 'name',
      names: ['测站名称', '站名', '名称'],
      required: true,
      hint: words('名称', 'name'),
    },
    {
      field: 'code',
      names: ['测站编码', '站码', '测站编号'],
      required: true,
      hint: words(
        '8 位测站编码（或 10 位遥测站地址）',
        '8-digit station code (or 10-digit RTU address)',
      ),
    },
    {
      field: 'kind',
      names: ['站类', '测站类型', '站点类型'],
      required: true,
      hint: words('雨量站/水位站/水库/积水监测点', 'rain/river/reservoir/waterlogging'),
      choices: KIND.choices,
    },
    {
      field: 'water',
      names: ['所在河流', '河流名称', '水库名称', '河名'],
      hint: words('河流或水库名称', 'river or reservoir'),
    },
    ...LEVELS.map(([field, , names, en]) => ({
      field,
      names,
      hint: words('米', `metres (${en})`),
    })),
    {
      field: 'depthAlarmM',
      names: ['积水报警深度', '报警水深', '报警深度'],
      hint: words('米', 'metres'),
    },
  ],
  build(row) {
    const out: Built<'stations'> = { fields: {}, problems: [] };
    const take = cellReader(row, out);
    const f = out.fields;
    f.name = text(row.get('name'));
    const code = text(row.get('code'));
    if (/^\d{8}(\d{2})?$/.test(code)) f.code = code;
    else
      out.problems.push({
        field: 'code',
        level: 'error',
        value: code,
        reason: words('测站编码应为 8 位（或 10 位）数字', 'a station code is 8 (or 10) digits'),
      });
    f.kind = take('kind', KIND);
    const water = text(row.get('water'));
    if (water) f.water = water;
    const levels: StationLevels = {};
    for (const [field, level] of LEVELS) {
      const v = take(field, number);
      if (v !== undefined) levels[level] = v;
    }
    if (Object.keys(levels).length > 0) f.levels = levels;
    const depth = take('depthAlarmM', number);
    if (depth !== undefined) f.depthAlarmM = depth;
    return out;
  },
};
