import { z } from 'zod';
import { DateTime } from './common.ts';

/**
 * What a presenter shows the people following a briefing (`briefing:view` events): the
 * console's link (the view as a query string: camera, layers, filters, selection...) with the
 * scene's title and notes. Followers decode the link with the same codec, part by part.
 */
export const BriefingView = z.object({
  view: z.string().max(4000, { error: 'a view link of at most 4,000 characters' }),
  title: z.string().max(200),
  notes: z.string().max(4000),
  by: z.string(),
  at: DateTime,
});
export type BriefingView = z.infer<typeof BriefingView>;
