import { z } from 'zod';
import { Approximate, EntityId, LonLat } from './common.ts';

export const CameraSite = z.enum([
  'risk_point',
  'river',
  'road',
  'shelter',
  'square',
  'school',
  'depot',
  'underpass',
]);
export type CameraSite = z.infer<typeof CameraSite>;

export const Camera = z.object({
  id: EntityId,
  name: z.string().min(1),
  site: CameraSite,
  position: LonLat,
  approximate: Approximate,
  /** Direction the camera looks, degrees clockwise from north. */
  bearing: z.number().min(0).max(360, { error: 'bearing is 0–360 degrees from north' }),
  /** Horizontal field of view in degrees. */
  fov: z.number().gt(0).max(360, { error: 'field of view is 1–360 degrees' }),
  /** How far it sees usefully, metres. */
  rangeM: z.number().positive(),
  /** HLS stream, absolute or relative to the gateway. */
  streamUrl: z.string().min(1),
  countyCode: z.string().regex(/^\d{6}$/),
  townshipCode: z.string().regex(/^\d{9}$/),
  online: z.boolean(),
});
export type Camera = z.infer<typeof Camera>;
