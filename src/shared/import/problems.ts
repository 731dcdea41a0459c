import type { z } from 'zod';
import type { ImportProblem } from '../protocol/index.ts';

/**
 * What is wrong (or worth knowing) about one cell, row or file of an import: where exactly, the
 * value found and why, in Chinese and English. An error keeps the row out; a warning does not.
 * (The contract's ImportProblem: the same shape reaches the console.)
 */
export type Problem = z.infer<typeof ImportProblem>;

/** A sentence in both of the console's languages. */
export type Words = Problem['reason'];

export const words = (zh: string, en: string): Words => ({ zh, en });

/** An error about a whole file (or a whole import), not one of its rows. */
export const fileError = (file: string, reason: Words, value = ''): Problem => ({
  level: 'error',
  file,
  sheet: null,
  row: null,
  column: null,
  value,
  reason,
});
