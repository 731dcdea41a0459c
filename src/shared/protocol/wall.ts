import { z } from 'zod';
import { DateTime, EntityId } from './common.ts';

/** The wall's scenes (each with its own layers and camera; see the client's wall/scenes.ts). */
export const WallSceneId = z.enum(['overview', 'incidents', 'warnings', 'hydro', 'kpis'], {
  error: 'scene must be overview, incidents, warnings, hydro or kpis',
});
export type WallSceneId = z.infer<typeof WallSceneId>;

/**
 * What the operator console asks of every wall of a scenario (`wall:state` events): hold one
 * scene or let them rotate, and zoom to one incident or not. A wall in another room follows.
 */
export const WallState = z.object({
  scene: WallSceneId.nullable(),
  focus: EntityId.nullable(),
  by: z.string(),
  at: DateTime,
});
export type WallState = z.infer<typeof WallState>;

export const WALL_FREE: WallState = {
  scene: null,
  focus: null,
  by: '',
  at: '1970-01-01T00:00:00Z',
};
