import { oneOf, text, yesNo, YES_NO_CHOICES } from '../cells.ts';
import { words } from '../problems.ts';
import { cellReader, type Built, type RegisterSpec, EXAMPLE_PLACE } from '../register-spec.ts';

const FULL_TIME = oneOf<'full' | 'part'>(
  { full: ['专职', '全职'], part: ['兼职'] },
  words('专兼职', 'full- or part-time'),
);

/**
 * 网格员: the people who know a village door by door, called first when it is threatened. A row
 * needs a name, a phone and where the member works (coordinates, or the village code alone: then
 * the member is placed at the village committee).
 */
export const GRID_MEMBERS: RegisterSpec<'grid-members'> = {
  collection: 'grid-members',
  name: words('网格员', 'grid members'),
  idPrefix: 'GM',
  example: {
    name: '示例：孙七',
    phone: '10000000004',
    fullTime: '专职',
    online: '是',
    ...EXAMPLE_PLACE,
  },
  columns: [
    {
      field: 'name',
      names: ['网格员姓名', '姓名', '网格员'],
      required: true,
      hint: words('姓名', 'name'),
    },
    {
      field: 'phone',
      names: ['联系电话', '手机号码', '手机', '电话'],
      required: true,
      hint: words('手机', 'mobile phone'),
    },
    {
      field: 'fullTime',
      names: ['专兼职', '专职/兼职', '专职或兼职'],
      choices: FULL_TIME.choices,
      hint: words('专职/兼职，默认兼职', 'full- or part-time (default part-time)'),
    },
    {
      field: 'online',
      names: ['在岗', '是否在岗', '在线'],
      choices: YES_NO_CHOICES,
      hint: words('是/否，默认否', 'yes/no (default no)'),
    },
  ],
  build(row) {
    const out: Built<'grid-members'> = { fields: {}, problems: [] };
    const take = cellReader(row, out);
    const f = out.fields;
    f.name = text(row.get('name'));
    f.phone = text(row.get('phone')).replace(/\s+/g, '');
    f.fullTime = take('fullTime', FULL_TIME) === 'full';
    f.online = take('online', yesNo) ?? false;
    return out;
  },
};
