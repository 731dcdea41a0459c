import { z } from 'zod';
import { ScenarioId, WallSceneId } from '../../shared/protocol/index.ts';
import type { LayerId, Measure } from '../state/view-state.ts';

export interface Scene {
  readonly layers: readonly LayerId[];
  /** What the camera shows: the whole region, or the active incidents (refit when they change). */
  fit: 'region' | 'incidents';
  measure: Measure;
  /** The KPI board fills the screen instead of the side column. */
  board?: true;
}

export type SceneId = WallSceneId;

/** The wall's scenes, each with its own layers and camera. */
export const SCENES: Readonly<Record<SceneId, Scene>> = {
  overview: {
    layers: ['townships', 'shelters', 'teams', 'warnings', 'incidents'],
    fit: 'region',
    measure: 'population',
  },
  incidents: { layers: ['townships', 'teams', 'incidents'], fit: 'incidents', measure: 'none' },
  warnings: {
    layers: ['townships', 'warnings', 'shelters', 'hazards'],
    fit: 'region',
    measure: 'none',
  },
  // 水雨情: the stations coloured by their latest state, the warnings the rules issued.
  hydro: { layers: ['townships', 'warnings', 'stations'], fit: 'region', measure: 'none' },
  kpis: { layers: ['townships'], fit: 'region', measure: 'openIncidents', board: true },
};
const SCENE_IDS = WallSceneId.options;

/**
 * The wall's link: /wall?s=kaifeng&scenes=overview,incidents&every=30&redact=public&screens=3x2&bezel=24.
 * Every part is checked; a bad one falls back to its default and is reported on screen.
 */
const WallParams = z.object({
  s: ScenarioId.optional(),
  scenes: z
    .string()
    .default(SCENE_IDS.join(','))
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(
      z
        .array(z.enum(SCENE_IDS, { error: `scenes are ${SCENE_IDS.join(', ')}` }))
        .min(1, { error: 'at least one scene' }),
    ),
  every: z.coerce
    .number()
    .int()
    .min(5, { error: 'every must be 5–3600 seconds' })
    .max(3600, { error: 'every must be 5–3600 seconds' })
    .default(30),
  redact: z.enum(['none', 'public'], { error: 'redact must be none or public' }).default('none'),
  /** Screens across × down that the window spans (a tiled wall). */
  screens: z
    .string()
    .regex(/^[1-8]x[1-8]$/, { error: 'screens must be COLSxROWS, 1–8 each, e.g. 3x2' })
    .default('1x1')
    .transform((s) => s.split('x').map(Number) as [number, number]),
  /** Window pixels behind each inner bezel (0: the desktop does not compensate). */
  bezel: z.coerce
    .number()
    .int()
    .min(0, { error: 'bezel must be 0–200 pixels' })
    .max(200, { error: 'bezel must be 0–200 pixels' })
    .default(0),
});
export type WallParams = z.infer<typeof WallParams> & { s: ScenarioId };

export function parseWallParams(
  search: string,
  /** The jurisdictions the gateway serves; without `s`, the wall shows the first. */
  known: readonly ScenarioId[],
): { params: WallParams; problems: string[] } {
  const raw = Object.fromEntries(new URLSearchParams(search));
  const problems: string[] = [];
  const picked: Record<string, string> = {};
  for (const key of ['s', 'scenes', 'every', 'redact', 'screens', 'bezel'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    const one = WallParams.shape[key].safeParse(value);
    if (one.success) picked[key] = value;
    else problems.push(`${key}=${value}: ${one.error.issues[0]?.message ?? 'invalid'}`);
  }
  const params = WallParams.parse(picked);
  if (params.s !== undefined && !known.includes(params.s)) {
    problems.push(`s=${params.s}: no jurisdiction "${params.s}" on this gateway`);
    params.s = undefined;
  }
  return { params: { ...params, s: params.s ?? known[0] ?? '' }, problems };
}
