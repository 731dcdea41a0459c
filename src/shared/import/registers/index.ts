import type { ImportRegister } from '../../protocol/index.ts';
import { COMMON_COLUMNS, type ColumnSpec, type RegisterSpec } from '../register-spec.ts';
import type { Words } from '../problems.ts';
import { CAMERAS } from './cameras.ts';
import { DEPOTS } from './depots.ts';
import { GRID_MEMBERS } from './grid-members.ts';
import { RISK_POINTS } from './risk-points.ts';
import { SHELTERS } from './shelters.ts';
import { STATIONS } from './stations.ts';
import { TEAMS } from './teams.ts';
import {
  VILLAGE_FIGURE_COLUMNS,
  VILLAGE_FIGURES_EXAMPLE,
  VILLAGE_FIGURES_NAME,
} from './village-figures.ts';

/**
 * The registers of entities an import can read (a new one is one entry here and its spec). The
 * village population register, which changes villages rather than adding entities, is read
 * beside them.
 */
export const REGISTERS: readonly RegisterSpec[] = [
  SHELTERS,
  TEAMS,
  DEPOTS,
  RISK_POINTS,
  CAMERAS,
  GRID_MEMBERS,
  STATIONS,
];

/** What a register's template holds: its name, its columns in order and its example row. */
export interface Template {
  name: Words;
  columns: readonly ColumnSpec[];
  example: Readonly<Record<string, string | number>>;
}

/** A register's template: its name, every column in the template's order, its example row. */
export function templateOf(register: ImportRegister): Template {
  if (register === 'villages')
    return {
      name: VILLAGE_FIGURES_NAME,
      columns: VILLAGE_FIGURE_COLUMNS,
      example: VILLAGE_FIGURES_EXAMPLE,
    };
  const spec = REGISTERS.find((r) => r.collection === register);
  if (!spec) throw new Error(`no register spec for ${register}`);
  return { name: spec.name, columns: [...spec.columns, ...COMMON_COLUMNS], example: spec.example };
}
