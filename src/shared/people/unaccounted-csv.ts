import Papa from 'papaparse';
import { CSV_ESCAPE } from '../export/inert-cells.ts';
import type { RegisteredPerson, ResponsiblePerson } from '../protocol/index.ts';
import { VULNERABLE_ZH } from './vulnerable-labels.ts';

/**
 * 未落实人员名单 for the leaders: one row per person not yet accounted for, the vulnerable first,
 * with whom to call about them (the village's head and grid head). CSV with a BOM so Excel and
 * WPS open the Chinese right; text that would be a formula is written inert.
 */
export function unaccountedCsv(
  rows: readonly {
    township: string;
    village: string;
    person: RegisteredPerson;
    responsible: readonly ResponsiblePerson[];
  }[],
  year: number,
): string {
  const fields = [
    '乡镇',
    '村',
    '户号',
    '姓名',
    '性别',
    '年龄',
    '重点人群',
    '安全码',
    '包保责任人',
    '电话',
  ];
  const data = rows.map(({ township, village, person: p, responsible }) => [
    township,
    village,
    p.household,
    p.name,
    p.sex === 'f' ? '女' : '男',
    year - p.born,
    p.vulnerable.map((k) => VULNERABLE_ZH[k]).join('、'),
    p.code,
    responsible.map((r) => r.name).join('、'),
    responsible.map((r) => r.phone).join('、'),
  ]);
  return `\uFEFF${Papa.unparse({ fields, data }, CSV_ESCAPE)}`;
}
