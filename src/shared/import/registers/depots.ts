import type { DepotLevel } from '../../protocol/index.ts';
import { oneOf, text } from '../cells.ts';
import { words } from '../problems.ts';
import {
  cellReader,
  contactOf,
  type Built,
  type RegisterSpec,
  EXAMPLE_PLACE,
} from '../register-spec.ts';
import { EQUIPMENT_COLUMNS, inventoryOf } from './equipment-columns.ts';

const LEVEL = oneOf<DepotLevel>(
  {
    city: ['市级', '市'],
    county: ['县（区）级', '县级', '区级', '县', '区'],
    township: ['乡镇级', '乡镇', '街道'],
  },
  words('储备库级别', 'depot level'),
);

/** 应急物资储备库: name, level, keeper, and one column per stocked item. */
export const DEPOTS: RegisterSpec<'depots'> = {
  collection: 'depots',
  name: words('物资储备库', 'equipment depots'),
  idPrefix: 'DP',
  example: {
    name: '示例：某某区防汛物资储备库',
    level: '县（区）级',
    keeperName: '王五',
    keeperPhone: '10000000002',
    'item:sandbag': 20000,
    'item:portable_pump': 12,
    ...EXAMPLE_PLACE,
  },
  columns: [
    {
      field: 'name',
      names: ['储备库名称', '仓库名称', '物资库名称', '名称'],
      required: true,
      hint: words('全称', 'full name'),
    },
    {
      field: 'level',
      names: ['级别', '储备库级别', '层级'],
      required: true,
      hint: words('市级/县（区）级/乡镇级', 'city, county or township'),
      choices: LEVEL.choices,
    },
    {
      field: 'keeperName',
      names: ['管理人', '负责人', '联系人', '保管员'],
      hint: words('姓名', 'name'),
    },
    {
      field: 'keeperPhone',
      names: ['联系电话', '负责人电话', '电话'],
      hint: words('手机', 'phone'),
    },
    ...EQUIPMENT_COLUMNS,
  ],
  build(row) {
    const out: Built<'depots'> = { fields: {}, problems: [] };
    const take = cellReader(row, out);
    const f = out.fields;
    f.name = text(row.get('name'));
    f.level = take('level', LEVEL);
    // A city or county depot belongs to no township (its county comes from where it is).
    if (f.level && f.level !== 'township') f.townshipCode = null;
    f.inventory = inventoryOf(take);
    const keeper = contactOf(row, 'keeperName', 'keeperPhone');
    if (keeper) f.keeper = keeper;
    return out;
  },
};
