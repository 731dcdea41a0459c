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
  'villages',
]);
export type ImportRegister = z.infer<typeof ImportRegister>;

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
