import { z } from 'zod';
import { Approximate, Contact, EntityId, LonLat } from './common.ts';
import { Inventory } from './equipment.ts';

export const DepotLevel = z.enum(['city', 'county', 'township']);
export type DepotLevel = z.infer<typeof DepotLevel>;

export const Depot = z.object({
  id: EntityId,
  name: z.string().min(1),
  level: DepotLevel,
  countyCode: z.string().regex(/^\d{6}$/),
  /** Null for a city or county depot. */
  townshipCode: z
    .string()
    .regex(/^\d{9}$/)
    .nullable(),
  position: LonLat,
  approximate: Approximate,
  inventory: Inventory,
  /** Absent for a reader not cleared to see people (see protocol/redaction.ts). */
  keeper: Contact.optional(),
});
export type Depot = z.infer<typeof Depot>;
