import {
  VULNERABLE_KEYS,
  type RegisterVillage,
  type RegisteredPerson,
  type VulnerableKey,
} from '../protocol/index.ts';
import {
  columnOf,
  dictionaryOf,
  encodeTable,
  type ColumnArray,
  type Table,
} from '../columnar/table.ts';
import { rowOfSafeCode, safeCode } from './safe-code.ts';

/**
 * The transfer registers (转移名单) of a jurisdiction as one column table: hundreds of thousands
 * of people in a few megabytes, rows grouped by village so a village's people are one range.
 * Columns: village (coded), household (number within the village), surname and given name
 * (coded), sex (coded), born (year), vulnerable (bits in VULNERABLE_KEYS order). Meta: the key
 * of the safe codes. No identity-card numbers, no phones.
 */
export interface PersonRow {
  village: string;
  household: number;
  surname: string;
  given: string;
  sex: 'f' | 'm';
  born: number;
  vulnerable: readonly VulnerableKey[];
}

const SEXES = ['f', 'm'] as const;

function interner() {
  const values: string[] = [];
  const index = new Map<string, number>();
  return {
    values,
    of(v: string): number {
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        index.set(v, i);
      }
      return i;
    },
  };
}

/** Encodes `people` (in any order: they are grouped by village here). */
export function encodeRegister(
  people: readonly PersonRow[],
  codeKey: number,
  meta: Record<string, string | number> = {},
): Uint8Array {
  const rows = [...people].sort((a, b) =>
    a.village < b.village ? -1 : a.village > b.village ? 1 : a.household - b.household,
  );
  const n = rows.length;
  const villages = interner();
  const surnames = interner();
  const givens = interner();
  const village = new Uint16Array(n);
  const household = new Uint16Array(n);
  const surname = new Uint16Array(n);
  const given = new Uint16Array(n);
  const sex = new Uint8Array(n);
  const born = new Uint16Array(n);
  const vulnerable = new Uint8Array(n);
  rows.forEach((p, i) => {
    village[i] = villages.of(p.village);
    household[i] = p.household;
    surname[i] = surnames.of(p.surname);
    given[i] = givens.of(p.given);
    sex[i] = SEXES.indexOf(p.sex);
    born[i] = p.born;
    vulnerable[i] = p.vulnerable.reduce((bits, k) => bits | (1 << VULNERABLE_KEYS.indexOf(k)), 0);
  });
  if (villages.values.length > 0xffff || givens.values.length > 0xffff)
    throw new Error('a register holds at most 65,535 villages and given names');
  const columns: { name: string; data: ColumnArray; dictionary?: string[] }[] = [
    { name: 'village', data: village, dictionary: villages.values },
    { name: 'household', data: household },
    { name: 'surname', data: surname, dictionary: surnames.values },
    { name: 'given', data: given, dictionary: givens.values },
    { name: 'sex', data: sex, dictionary: [...SEXES] },
    { name: 'born', data: born },
    { name: 'vulnerable', data: vulnerable },
  ];
  return encodeTable(n, columns, { ...meta, codeKey });
}

export type Register = ReturnType<typeof registerReader>;

/** Reads a register table: people by row, by safe code, by village. */
export function registerReader(table: Table) {
  const village = columnOf(table, 'village', Uint16Array);
  const household = columnOf(table, 'household', Uint16Array);
  const surname = columnOf(table, 'surname', Uint16Array);
  const given = columnOf(table, 'given', Uint16Array);
  const sex = columnOf(table, 'sex', Uint8Array);
  const born = columnOf(table, 'born', Uint16Array);
  const vulnerable = columnOf(table, 'vulnerable', Uint8Array);
  const villages = dictionaryOf(table, 'village');
  const surnames = dictionaryOf(table, 'surname');
  const givens = dictionaryOf(table, 'given');
  const key = Number(table.header.meta.codeKey);
  if (!Number.isInteger(key)) throw new Error('the register has no code key');
  const rows = table.header.rows;
  // Rows are grouped by village: each village's first row, and one past its last.
  const ranges = new Map<string, { from: number; to: number; vulnerable: number }>();
  for (let i = 0; i < rows; i++) {
    const code = villages[village[i] ?? 0] ?? '';
    const r = ranges.get(code);
    const weak = (vulnerable[i] ?? 0) !== 0 ? 1 : 0;
    if (r) {
      r.to = i + 1;
      r.vulnerable += weak;
    } else ranges.set(code, { from: i, to: i + 1, vulnerable: weak });
  }
  const flags = (bits: number): VulnerableKey[] =>
    VULNERABLE_KEYS.filter((_, b) => (bits & (1 << b)) !== 0);

  const at = (row: number): RegisteredPerson => {
    const v = villages[village[row] ?? 0] ?? '';
    return {
      code: safeCode(row, key),
      name: (surnames[surname[row] ?? 0] ?? '') + (givens[given[row] ?? 0] ?? ''),
      sex: SEXES[sex[row] ?? 0] ?? 'f',
      born: born[row] ?? 0,
      village: v,
      household: `${v.slice(-3)}-${String(household[row] ?? 0).padStart(4, '0')}`,
      vulnerable: flags(vulnerable[row] ?? 0),
    };
  };
  return {
    rows,
    key,
    meta: table.header.meta,
    at,
    /** The person a safe code (or a scanned URL's code) names, or null. */
    byCode(code: string): RegisteredPerson | null {
      const row = rowOfSafeCode(code, key);
      return row === null || row >= rows ? null : at(row);
    },
    villageOfRow(row: number): string {
      return villages[village[row] ?? 0] ?? '';
    },
    /** Every village's figures, in the register's order. */
    summary(): RegisterVillage[] {
      return [...ranges].map(([code, r]) => ({
        village: code,
        registered: r.to - r.from,
        vulnerable: r.vulnerable,
      }));
    },
    people(villageCode: string): RegisteredPerson[] {
      const r = ranges.get(villageCode);
      if (!r) return [];
      const out: RegisteredPerson[] = [];
      for (let i = r.from; i < r.to; i++) out.push(at(i));
      return out;
    },
  };
}
