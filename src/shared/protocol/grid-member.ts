import { z } from 'zod';
import { Approximate, EntityId, LonLat } from './common.ts';

export const GridMember = z.object({
  id: EntityId,
  name: z.string().min(1),
  phone: z.string().regex(/^[0-9+\- ]{5,20}$/),
  /** Full-time (专职) or part-time (兼职) grid member. */
  fullTime: z.boolean(),
  countyCode: z.string().regex(/^\d{6}$/),
  townshipCode: z.string().regex(/^\d{9}$/),
  villageCode: z.string().regex(/^\d{12}$/),
  position: LonLat,
  approximate: Approximate,
  online: z.boolean(),
});
export type GridMember = z.infer<typeof GridMember>;
