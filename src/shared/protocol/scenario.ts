import { z } from 'zod';
import { ScenarioId } from './common.ts';

/** What a scenario is, and where its data came from (shown in the about box). */
export const ScenarioMeta = z.object({
  id: ScenarioId,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** Code of the top area (a district or a whole city). */
  rootCode: z.string().regex(/^\d{6}$/),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  center: z.tuple([z.number(), z.number()]),
  seed: z.number().int(),
  generatorVersion: z.number().int(),
  /** The data's version: a new one is a new import (or generator run) of the jurisdiction. */
  version: z.string().min(1),
  /** The exercise simulator's pace here (an absent value: 8 incidents an hour). */
  simulation: z.object({ incidentsPerHour: z.number().positive().max(600) }).optional(),
  /** Plain-language provenance: which parts are real, which synthetic. */
  sources: z.array(z.object({ what: z.string(), source: z.string(), real: z.boolean() })),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type ScenarioMeta = z.infer<typeof ScenarioMeta>;
