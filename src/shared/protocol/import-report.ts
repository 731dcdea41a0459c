import { z } from 'zod';

const Words = z.object({ zh: z.string(), en: z.string() });

/** One refused row (error) or note (warning) of an import, where exactly and why. */
export const ImportProblem = z.object({
  level: z.enum(['error', 'warning']),
  file: z.string(),
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string(),
  reason: Words,
});

/** The registers an import reads. */
export const ImportRegister = z.enum([
  'shelters',
  'teams',
  'depots',
  'risk-points',
  'cameras',
  'grid-members',
  'stations',
  'villages',
]);
export type ImportRegister = z.infer<typeof ImportRegister>;

/**
 * Headers mapped by hand to a register's fields, for a sheet whose header the import did not
 * (fully) recognise: read as that register, each header as the field it names.
 */
export const ColumnMapping = z.object({
  register: ImportRegister,
  columns: z
    .record(z.string().min(1).max(100), z.string().regex(/^[a-zA-Z0-9]{1,40}$/))
    .refine((c) => Object.keys(c).length <= 200, { error: 'at most 200 mapped columns' }),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/**
 * The answer of `POST /api/scenarios/:scenario/imports`: what each sheet held, every problem
 * (the first thousand; `problemCount` says how many in all), what applying does or did to each
 * collection, and the version made live (null: a dry run, or refused rows).
 */
export const ImportReport = z.object({
  files: z.array(
    z.object({
      file: z.string(),
      sheet: z.string().nullable(),
      encoding: z.string().nullable(),
      register: z.string().nullable(),
      rows: z.number().int(),
      accepted: z.number().int(),
      refused: z.number().int(),
      /** The sheet's header row (or its first full row when no register's header was found). */
      headers: z.array(z.string()),
      /** Headers no column of the register took: the console offers to map them. */
      unknown: z.array(z.string()),
    }),
  ),
  problems: z.array(ImportProblem),
  problemCount: z.number().int(),
  diffs: z.array(
    z.object({
      collection: z.string(),
      added: z.number().int(),
      changed: z.number().int(),
      removed: z.number().int(),
      unchanged: z.number().int(),
      /** Names of the first added, changed and removed entities, to read before applying. */
      examples: z.object({
        added: z.array(z.string()),
        changed: z.array(z.string()),
        removed: z.array(z.string()),
      }),
    }),
  ),
  applied: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;
