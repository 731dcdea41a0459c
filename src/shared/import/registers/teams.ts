import type { TeamKind, TeamSkill, TeamStatus } from '../../protocol/index.ts';
import { count, list, oneOf, text } from '../cells.ts';
import { words } from '../problems.ts';
import {
  cellReader,
  contactOf,
  type Built,
  type RegisterSpec,
  EXAMPLE_PLACE,
} from '../register-spec.ts';
import { EQUIPMENT_COLUMNS, inventoryOf } from './equipment-columns.ts';

const KIND = oneOf<TeamKind>(
  {
    district_comprehensive: ['综合救援队', '综合性救援队伍', '综合性消防救援队伍', '综合'],
    professional: ['专业队伍', '专业救援队伍', '行业专业队伍', '专业'],
    township: ['乡镇（街道）队伍', '乡镇队伍', '街道队伍', '乡镇'],
    village: ['村（社区）队伍', '村级队伍', '社区队伍', '村'],
    social_volunteer: ['社会志愿队伍', '社会应急力量', '志愿者队伍', '社会力量'],
  },
  words('队伍类型', 'team kind'),
);

const SKILL = oneOf<TeamSkill>(
  {
    water_rescue: ['水域救援', '水上救援', '抗洪抢险'],
    drainage: ['排涝', '排水'],
    collapse_search: ['坍塌搜救', '建筑物坍塌搜救', '搜救'],
    firefighting: ['灭火', '消防'],
    medical: ['医疗救护', '医疗', '救护'],
    power_repair: ['电力抢修', '供电保障'],
    communications: ['通信保障', '通信'],
    hazchem: ['危化品处置', '危险化学品处置', '危化'],
    evacuation: ['人员转移', '转移安置', '疏散'],
    dike_repair: ['堤防抢险', '抢险堵口', '堤防'],
    road_clearing: ['道路抢通', '道路清障', '清障'],
  },
  words('专业特长', 'skill'),
);

const STATUS = oneOf<TeamStatus>(
  {
    available: ['待命', '备勤'],
    dispatched: ['已调派'],
    en_route: ['途中'],
    on_scene: ['到场处置'],
    returning: ['返回中'],
    off_duty: ['休整', '不在岗'],
  },
  words('状态', 'status'),
);

/**
 * 救援队伍: the resource survey's columns (队伍名称, 队伍类型, 队伍总人数, 专业特长) and one
 * column per item of equipment. A team is stationed where its row says; it returns there.
 */
export const TEAMS: RegisterSpec<'teams'> = {
  collection: 'teams',
  name: words('救援队伍', 'rescue teams'),
  idPrefix: 'TM',
  example: {
    name: '示例：某某区水域救援队',
    kind: '专业队伍',
    members: 24,
    skills: '水域救援、排涝',
    leaderName: '李四',
    leaderPhone: '10000000001',
    'item:assault_boat': 2,
    'item:life_jacket': 40,
    ...EXAMPLE_PLACE,
  },
  columns: [
    {
      field: 'name',
      names: ['队伍名称', '救援队伍名称', '名称'],
      required: true,
      hint: words('全称', 'full name'),
    },
    {
      field: 'kind',
      names: ['队伍类型', '队伍性质', '类型'],
      required: true,
      hint: words('综合/专业/乡镇/村/社会', 'kind'),
      choices: KIND.choices,
    },
    {
      field: 'members',
      names: ['队伍总人数', '队员人数', '人数', '总人数'],
      required: true,
      hint: words('人', 'people'),
    },
    {
      field: 'skills',
      names: ['专业特长', '救援专长', '特长', '专长'],
      hint: words('水域救援、排涝…，可多选', 'skills, several allowed'),
    },
    {
      field: 'status',
      names: ['状态', '备勤状态'],
      hint: words('默认待命', 'default: available'),
      choices: STATUS.choices,
    },
    { field: 'leaderName', names: ['队长', '负责人', '联系人'], hint: words('姓名', 'name') },
    {
      field: 'leaderPhone',
      names: ['联系电话', '队长电话', '负责人电话', '电话'],
      hint: words('手机', 'phone'),
    },
    ...EQUIPMENT_COLUMNS,
  ],
  build(row) {
    const out: Built<'teams'> = { fields: {}, problems: [] };
    const take = cellReader(row, out);
    const f = out.fields;
    f.name = text(row.get('name'));
    f.kind = take('kind', KIND);
    f.members = take('members', count);
    f.status = take('status', STATUS) ?? 'available';
    const skills = new Set<TeamSkill>();
    for (const n of list(row.get('skills'))) {
      const r = SKILL(n);
      if (r.ok) skills.add(r.value);
      // An unknown speciality does not keep a team off the map: it is said, and left out.
      else out.problems.push({ field: 'skills', level: 'warning', reason: r.reason, value: n });
    }
    f.skills = [...skills];
    f.equipment = inventoryOf(take);
    const leader = contactOf(row, 'leaderName', 'leaderPhone');
    if (leader) f.leader = leader;
    return out;
  },
};
