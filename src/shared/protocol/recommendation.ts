import { z } from 'zod';
import { EntityId, LineGeometry, NonNegativeInt } from './common.ts';
import { Inventory } from './equipment.ts';
import { IncidentType } from './incident.ts';
import { TeamSkill } from './team.ts';

/** One team suggested for an incident, with what explains the rank. */
export const TeamSuggestion = z.object({
  teamId: EntityId,
  teamName: z.string(),
  members: NonNegativeInt,
  /** Seconds to the scene over the roads, including a pickup. */
  etaS: z.number().nonnegative(),
  /** Seconds of the direct drive. */
  driveS: z.number().nonnegative(),
  skills: z.array(TeamSkill),
  pickup: z
    .object({
      depotId: EntityId,
      depotName: z.string(),
      items: Inventory,
      extraS: z.number().nonnegative(),
    })
    .nullable(),
  missing: z.object({ items: Inventory, members: NonNegativeInt }),
  /** The way the team would drive (through the depot when it picks something up). */
  route: LineGeometry,
});
export type TeamSuggestion = z.infer<typeof TeamSuggestion>;

/** `GET /api/scenarios/{id}/incidents/{incident}/recommendations` */
export const Recommendations = z.object({
  seq: NonNegativeInt,
  incidentId: EntityId,
  type: IncidentType,
  suggestions: z.array(TeamSuggestion),
});
export type Recommendations = z.infer<typeof Recommendations>;
