import { z } from 'zod';
import { Approximate, Contact, EntityId, HazardKind, LonLat, NonNegativeInt } from './common.ts';

export const ShelterType = z.enum(
  ['school', 'gymnasium', 'community_center', 'park_square', 'government_building', 'hotel'],
  { error: 'unknown shelter type' },
);
export type ShelterType = z.infer<typeof ShelterType>;

export const ShelterStatus = z.enum(['standby', 'open', 'full', 'closed'], {
  error: 'shelter status must be standby, open, full or closed',
});
export type ShelterStatus = z.infer<typeof ShelterStatus>;

export const Facilities = z.object({
  medical: z.boolean(),
  water: z.boolean(),
  power: z.boolean(),
  toilets: z.boolean(),
  kitchen: z.boolean(),
  accessible: z.boolean(),
  beds: NonNegativeInt,
});
export type Facilities = z.infer<typeof Facilities>;

export const Shelter = z
  .object({
    id: EntityId,
    name: z.string().min(1),
    type: ShelterType,
    status: ShelterStatus,
    /** People it can hold by day and overnight (night is smaller: sleeping space). */
    capacityDay: NonNegativeInt,
    capacityNight: NonNegativeInt,
    occupancy: NonNegativeInt,
    safeFor: z.array(HazardKind).min(1, { error: 'a shelter must be safe for some hazard' }),
    facilities: Facilities,
    areaM2: NonNegativeInt,
    countyCode: z.string().regex(/^\d{6}$/),
    townshipCode: z.string().regex(/^\d{9}$/),
    villageCode: z.string().regex(/^\d{12}$/),
    position: LonLat,
    approximate: Approximate,
    /** Absent for a reader not cleared to see people (see protocol/redaction.ts). */
    manager: Contact.optional(),
  })
  .refine((s) => s.capacityNight <= s.capacityDay, {
    path: ['capacityNight'],
    error: 'night capacity cannot exceed day capacity',
  });
export type Shelter = z.infer<typeof Shelter>;
