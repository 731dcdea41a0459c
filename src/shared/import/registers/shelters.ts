import type { HazardKind, ShelterStatus, ShelterType } from '../../protocol/index.ts';
import { count, list, oneOf, text, yesNo, YES_NO_CHOICES } from '../cells.ts';
import { words } from '../problems.ts';
import {
  cellReader,
  contactOf,
  type Built,
  type RegisterSpec,
  type RowCells,
  EXAMPLE_PLACE,
} from '../register-spec.ts';

const TYPE = oneOf<ShelterType>(
  {
    school: ['学校', '中小学', '中学', '小学', '高校'],
    gymnasium: ['体育馆', '体育场', '体育中心', '场馆'],
    community_center: ['社区服务中心', '党群服务中心', '社区中心', '文化中心', '村委会'],
    park_square: ['公园', '广场', '绿地', '公园广场'],
    government_building: ['政府', '机关', '机关单位', '办公楼'],
    hotel: ['宾馆', '酒店', '旅馆'],
  },
  words('场所类型', 'shelter type'),
);

const STATUS = oneOf<ShelterStatus>(
  {
    standby: ['待启用', '备用', '未启用', '正常'],
    open: ['开放', '已启用', '启用'],
    full: ['已满', '满员'],
    closed: ['关闭', '停用'],
  },
  words('状态', 'status'),
);

const HAZARD = oneOf<HazardKind>(
  {
    flood: ['洪水', '洪涝', '防汛', '水灾'],
    waterlogging: ['内涝', '积水'],
    earthquake: ['地震'],
    landslide: ['地质灾害', '滑坡', '泥石流', '崩塌'],
    fire: ['火灾', '消防'],
  },
  words('灾种', 'hazard'),
);

const FACILITIES = [
  ['medical', ['医疗', '医疗点', '医疗卫生']],
  ['water', ['供水', '应急供水']],
  ['power', ['供电', '应急供电']],
  ['toilets', ['厕所', '应急厕所']],
  ['kitchen', ['厨房', '餐饮', '应急厨房']],
  ['accessible', ['无障碍', '无障碍设施']],
] as const;

/**
 * 应急避难场所: the columns of the resource survey (资源调查) and their common synonyms. Without
 * 适用灾种 a shelter is taken as a comprehensive one (earthquake, fire) — never as flood-safe,
 * so a transfer plan does not send villagers from a flood into a shelter nobody declared dry.
 */
export const SHELTERS: RegisterSpec<'shelters'> = {
  collection: 'shelters',
  name: words('应急避难场所', 'shelters'),
  idPrefix: 'SH',
  example: {
    name: '示例：某某中学避难场所',
    type: '学校',
    capacityDay: 800,
    capacityNight: 600,
    areaM2: 6000,
    safeFor: '洪水、内涝',
    medical: '是',
    water: '是',
    managerName: '张三',
    managerPhone: '10000000000',
    ...EXAMPLE_PLACE,
  },
  columns: [
    {
      field: 'name',
      names: ['应急避难场所名称', '避难场所名称', '场所名称', '名称'],
      required: true,
      hint: words('场所全称', 'full name'),
    },
    {
      field: 'type',
      names: ['场所类型', '避难场所类型', '类型'],
      required: true,
      hint: words('学校/体育馆/社区服务中心/公园广场/机关/宾馆', 'school, gymnasium, …'),
      choices: TYPE.choices,
    },
    {
      field: 'status',
      names: ['状态', '启用状态'],
      hint: words('待启用/开放/已满/关闭，默认待启用', 'standby (default), open, full, closed'),
      choices: STATUS.choices,
    },
    {
      field: 'capacityDay',
      names: ['容纳人数', '可容纳人数', '避难所容纳人数', '设计容纳人数', '日间容纳人数'],
      required: true,
      hint: words('人', 'people'),
    },
    {
      field: 'capacityNight',
      names: ['过夜容纳人数', '夜间容纳人数', '住宿容纳人数'],
      hint: words('人，默认同容纳人数', 'people; default: the day capacity'),
    },
    {
      field: 'areaM2',
      names: ['有效避难面积', '避难面积', '面积', '占地面积'],
      hint: words('平方米', 'square metres'),
    },
    {
      field: 'safeFor',
      names: ['适用灾种', '避难灾种', '适用类型'],
      hint: words('洪水、内涝、地震、地质灾害、火灾，可多选', 'hazards, several allowed'),
    },
    ...FACILITIES.map(([field, names]) => ({
      field,
      names,
      hint: words('是/否', 'yes/no'),
      choices: YES_NO_CHOICES,
    })),
    { field: 'beds', names: ['床位数', '床位'], hint: words('张', 'beds') },
    {
      field: 'managerName',
      names: ['负责人', '管理人', '联系人', '场所负责人'],
      hint: words('姓名', 'name'),
    },
    {
      field: 'managerPhone',
      names: ['联系电话', '负责人电话', '电话', '手机'],
      hint: words('手机或座机', 'phone'),
    },
  ],
  build(row) {
    const out: Built<'shelters'> = { fields: {}, problems: [] };
    const take = cellReader(row, out);
    const f = out.fields;
    f.name = text(row.get('name'));
    f.type = take('type', TYPE);
    f.status = take('status', STATUS) ?? 'standby';
    f.capacityDay = take('capacityDay', count);
    f.capacityNight = take('capacityNight', count) ?? f.capacityDay;
    f.areaM2 = take('areaM2', count) ?? 0;
    f.occupancy = 0;
    f.safeFor = safeFor(row, out);
    const facility = (field: string) => take(field, yesNo) ?? false;
    f.facilities = {
      medical: facility('medical'),
      water: facility('water'),
      power: facility('power'),
      toilets: facility('toilets'),
      kitchen: facility('kitchen'),
      accessible: facility('accessible'),
      beds: take('beds', count) ?? 0,
    };
    const manager = contactOf(row, 'managerName', 'managerPhone');
    if (manager) f.manager = manager;
    return out;
  },
};

function safeFor(row: RowCells, out: Built<'shelters'>): HazardKind[] {
  const names = list(row.get('safeFor'));
  if (names.length === 0) {
    out.problems.push({
      field: 'safeFor',
      level: 'warning',
      value: '',
      reason: words(
        '未填适用灾种，按综合避难场所（地震、火灾）处理，不用于防汛转移',
        'no hazards given: taken as earthquake and fire only, not used for flood transfers',
      ),
    });
    return ['earthquake', 'fire'];
  }
  const kinds = new Set<HazardKind>();
  for (const n of names) {
    const r = HAZARD(n);
    if (r.ok) kinds.add(r.value);
    else out.problems.push({ field: 'safeFor', level: 'error', reason: r.reason, value: n });
  }
  return [...kinds];
}
