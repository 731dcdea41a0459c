import { z } from 'zod';
import { Approximate, Contact, DateTime, EntityId, LonLat } from './common.ts';
import { Inventory } from './equipment.ts';

export const TeamKind = z.enum(
  ['district_comprehensive', 'professional', 'township', 'village', 'social_volunteer'],
  { error: 'unknown team kind' },
);
export type TeamKind = z.infer<typeof TeamKind>;

export const TeamSkill = z.enum(
  [
    'water_rescue',
    'drainage',
    'collapse_search',
    'firefighting',
    'medical',
    'power_repair',
    'communications',
    'hazchem',
    'evacuation',
    'dike_repair',
    'road_clearing',
  ],
  { error: 'unknown team skill' },
);
export type TeamSkill = z.infer<typeof TeamSkill>;

export const TeamStatus = z.enum(
  ['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'off_duty'],
  { error: 'team status must be available, dispatched, en_route, on_scene, returning or off_duty' },
);
export type TeamStatus = z.infer<typeof TeamStatus>;

export const Team = z.object({
  id: EntityId,
  name: z.string().min(1),
  kind: TeamKind,
  members: z.number().int().min(1, { error: 'a team has at least one member' }),
  skills: z.array(TeamSkill),
  equipment: Inventory,
  status: TeamStatus,
  countyCode: z.string().regex(/^\d{6}$/),
  townshipCode: z.string().regex(/^\d{9}$/),
  /** Where the team is stationed; it returns there. */
  homeBase: LonLat,
  position: LonLat,
  approximate: Approximate,
  /** Absent for a reader not cleared to see people (see protocol/redaction.ts). */
  leader: Contact.optional(),
  /** When `position` was fixed (a GPS report's own time); an older fix does not move the team. */
  positionAt: DateTime.optional(),
});
export type Team = z.infer<typeof Team>;
