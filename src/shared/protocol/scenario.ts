import { z } from 'zod';
import { ScenarioId } from './common.ts';

/** What a scenario is, and where its data came from (shown in the about box). */
export const ScenarioMeta = z.object({
  id: ScenarioId,
  name: z.string(),
  nameEn: z.string(),
  /** Code of the top area: the district for erqi, the city for kaifeng. */
  rootCode: z.string().regex(/^\d{6}$/),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  center: z.tuple([z.number(), z.number()]),
  seed: z.number().int(),
  generatorVersion: z.number().int(),
  /** Plain-language provenance: which parts are real, which synthetic. */
  sources: z.array(z.object({ what: z.string(), source: z.string(), real: z.boolean() })),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type ScenarioMeta = z.infer<typeof ScenarioMeta>;
