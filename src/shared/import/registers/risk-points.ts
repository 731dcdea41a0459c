import type { HazardStatus, RiskPointType, SeverityLevel } from '../../protocol/index.ts';
import { day, oneOf, text } from '../cells.ts';
import { words } from '../problems.ts';
import {
  cellReader,
  contactOf,
  type Built,
  type RegisterSpec,
  EXAMPLE_PLACE,
} from '../register-spec.ts';

const TYPE = oneOf<RiskPointType>(
  {
    waterlogging_spot: ['低洼易涝点', '易涝点', '积水点', '内涝点'],
    river_dike_section: ['危险河段/堤段', '危险河段', '险工险段', '堤防险段'],
    underground_space: ['地下车库/隧道', '地下空间', '地下车库', '隧道'],
    bridge_culvert: ['下穿桥涵', '下穿通道', '桥涵'],
    landslide_slope: ['滑坡/边坡', '滑坡', '崩塌', '边坡', '地质灾害隐患点'],
    dangerous_building: ['危旧房屋', '危房', '危险房屋'],
    hazchem_site: ['危化品场所', '危险化学品场所', '危化企业'],
    reservoir_pond: ['病险水库/坑塘', '病险水库', '坑塘', '山塘'],
    construction_pit: ['在建工地基坑', '在建工地', '深基坑'],
  },
  words('风险点类型', 'risk point type'),
);

const LEVEL = oneOf<SeverityLevel>(
  {
    I: ['Ⅰ级', 'I级', '一级', '特别重大', '红'],
    II: ['Ⅱ级', 'II级', '二级', '重大', '橙'],
    III: ['Ⅲ级', 'III级', '三级', '较大', '黄'],
    IV: ['Ⅳ级', 'IV级', '四级', '一般', '蓝'],
  },
  words('风险等级', 'risk level'),
);

const STATUS = oneOf<HazardStatus>(
  {
    reported: ['已上报', '上报'],
    verified: ['已核实', '核实'],
    rectification_assigned: ['整改中', '未整改', '待整改'],
    rectified: ['已整改'],
    closed: ['已销号', '销号'],
  },
  words('整改状态', 'status'),
);

/** 风险隐患点: the census's hazard points (隐患点编号 as the id), their level and who answers for them. */
export const RISK_POINTS: RegisterSpec<'risk-points'> = {
  collection: 'risk-points',
  name: words('风险隐患点', 'risk points'),
  idPrefix: 'RP',
  example: {
    name: '示例：某某路下穿隧道积水点',
    type: '低洼易涝点',
    level: 'Ⅲ级',
    status: '整改中',
    deadline: '2026-06-30',
    threatened: 120,
    responsibleName: '赵六',
    responsiblePhone: '10000000003',
    ...EXAMPLE_PLACE,
  },
  columns: [
    {
      field: 'name',
      names: ['隐患点名称', '风险点名称', '名称'],
      required: true,
      hint: words('名称', 'name'),
    },
    {
      field: 'type',
      names: ['隐患类型', '风险点类型', '类型'],
      required: true,
      hint: words('低洼易涝点/危险河段/下穿桥涵…', 'type'),
      choices: TYPE.choices,
    },
    {
      field: 'level',
      names: ['风险等级', '隐患等级', '等级'],
      required: true,
      hint: words('Ⅰ级—Ⅳ级', 'I–IV'),
      choices: LEVEL.choices,
    },
    {
      field: 'status',
      names: ['整改状态', '状态'],
      hint: words('已上报/已核实/整改中/已整改/已销号，默认已核实', 'default: verified'),
      choices: STATUS.choices,
    },
    {
      field: 'deadline',
      names: ['整改期限', '整改时限', '整改截止日期'],
      hint: words('日期，如 2026-06-30', 'a date'),
    },
    {
      field: 'description',
      names: ['隐患描述', '风险描述', '描述', '威胁对象'],
      hint: words('文字', 'text'),
    },
    {
      field: 'threatened',
      names: ['威胁人数', '影响人数'],
      hint: words('人（写入描述）', 'people (added to the description)'),
    },
    {
      field: 'responsibleName',
      names: ['防灾责任人', '责任人', '负责人'],
      hint: words('姓名', 'name'),
    },
    {
      field: 'responsiblePhone',
      names: ['防灾责任人电话', '责任人电话', '联系电话', '电话'],
      hint: words('手机', 'phone'),
    },
  ],
  build(row) {
    const out: Built<'risk-points'> = { fields: {}, problems: [] };
    const take = cellReader(row, out);
    const f = out.fields;
    f.name = text(row.get('name'));
    f.type = take('type', TYPE);
    f.level = take('level', LEVEL);
    f.status = take('status', STATUS) ?? 'verified';
    // A rectified or closed point has no deadline left.
    const deadline = take('deadline', day) ?? null;
    f.rectificationDeadline = f.status === 'rectified' || f.status === 'closed' ? null : deadline;
    const threatened = text(row.get('threatened'));
    f.description = [text(row.get('description')), threatened ? `威胁 ${threatened} 人` : '']
      .filter(Boolean)
      .join('；');
    const responsible = contactOf(row, 'responsibleName', 'responsiblePhone');
    if (responsible) f.responsible = responsible;
    return out;
  },
};
