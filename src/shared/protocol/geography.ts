import { z } from 'zod';
import { EntityId, LineGeometry, LonLat } from './common.ts';

export const RoadClass = z.enum(['highway', 'arterial', 'local', 'access']);
export type RoadClass = z.infer<typeof RoadClass>;

/** Free-flow speeds by class, km/h; routing may lower them (closures, flooding). */
export const ROAD_SPEED_KMH: Readonly<Record<RoadClass, number>> = {
  highway: 80,
  arterial: 50,
  local: 30,
  access: 15,
};

export const RoadNode = z.object({ id: EntityId, position: LonLat });
export type RoadNode = z.infer<typeof RoadNode>;

/** A road segment between two nodes of the scenario's road graph, drawn from `from` to `to`. */
export const RoadSegment = z.object({
  id: EntityId,
  name: z.string(),
  class: RoadClass,
  from: EntityId,
  to: EntityId,
  lengthM: z.number().positive(),
  speedKmh: z.number().positive(),
  geometry: LineGeometry,
  /** Drivable only from `from` to `to` (OSM `oneway`, reversed at import when it is -1). */
  oneway: z.literal(true).optional(),
  /** On a bridge: high water closes the roads under it, not the bridge. */
  bridge: z.literal(true).optional(),
});
export type RoadSegment = z.infer<typeof RoadSegment>;

export const River = z.object({
  id: EntityId,
  name: z.string().min(1),
  geometry: LineGeometry,
  /** Hand-traced course: good enough for a map, not for hydraulics. */
  approximate: z.boolean(),
});
export type River = z.infer<typeof River>;
