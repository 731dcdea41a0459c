import { z } from 'zod';
import { BasemapCrs, BasemapId, ScenarioId } from '../shared/protocol/index.ts';

/** "a, b,,c" → ["a", "b", "c"] */
function commaList(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );
}

/** Environment the gateway reads at start; a bad value stops it with the reason. */
export const GatewayEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  SCENARIOS: commaList('erqi,kaifeng').pipe(z.array(ScenarioId).min(1)),
  LOG: z.enum(['on', 'off']).default('on'),
  /** SQLite file of the event log. */
  EVENT_DB: z.string().default('data/events.sqlite'),
  /**
   * Scale-out: redis://host:port of the Redis every gateway node shares (event log, bus,
   * simulator lease). Unset: one node with its SQLite file.
   */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'REDIS_URL must be redis://host:port' })
    .optional(),
  /** Key prefix in that Redis (one per deployment sharing it). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]+$/)
    .default('onemap'),
  SIMULATOR: z.enum(['on', 'off']).default('on'),
  /**
   * Marks the data as exercise data (演练 watermark on screens and exports): `auto` while the
   * simulator feeds it; `on` for a drill run over relayed real feeds.
   */
  EXERCISE: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Events of a scenario between checkpoints of its live state (0: none). */
  CHECKPOINT_EVERY: z.coerce.number().int().min(0).default(10_000),
  /** Simulated seconds per real second. */
  SIM_SPEED: z.coerce.number().positive().max(3600).default(10),
  SIM_SEED: z.coerce.number().int().default(720),
  /** HS256 secret for role tokens (≥32 characters); unset: every console is a viewer. */
  TOKEN_SECRET: z
    .string()
    .min(32, { error: 'TOKEN_SECRET needs at least 32 characters' })
    .optional(),
  /** Who may sign in: comma-separated name:role:scrypt$salt$hash (see `npm run operator`). */
  OPERATORS: z.string().default(''),
  /** Extra browser origins allowed to open the socket (comma-separated). */
  ALLOWED_ORIGINS: commaList(''),
  /** Comma-separated API keys for /api/ingest/*; empty disables ingest. */
  /** Tianditu key (天地图 tk); the Tianditu basemaps are offered only with one. */
  TIANDITU_KEY: z.string().optional(),
  /** The basemap consoles start with (default: the baked vector basemap, else plain). */
  BASEMAP_DEFAULT: BasemapId.optional(),
  /** A MapLibre style URL offered as the custom basemap (an intranet tile server). */
  BASEMAP_STYLE_URL: z.url({ error: 'BASEMAP_STYLE_URL must be a URL' }).optional(),
  /** The datum of that style's tiles. */
  BASEMAP_STYLE_CRS: BasemapCrs.default('wgs84'),
  /** A PMTiles archive (e.g. a Protomaps extract) to serve as the vector basemap. */
  BASEMAP_PMTILES: z.string().optional(),
  /** Where proxied tiles are cached, and how much disk they may take. */
  TILE_CACHE_DIR: z.string().default('data/tile-cache'),
  TILE_CACHE_MB: z.coerce.number().positive().default(512),
  /** Replace tile services: id=url-template,… (ids: osm, tdt-vec, gaode-road, …). */
  TILE_UPSTREAMS: commaList('').pipe(
    z.array(
      z.string().regex(/^[\w-]+=https?:\/\/\S+$/, {
        error: 'TILE_UPSTREAMS entries are id=http(s)://template',
      }),
    ),
  ),
  INGEST_KEYS: commaList('').pipe(
    z.array(z.string().min(16, { error: 'each ingest key needs at least 16 characters' })),
  ),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export function readEnv(env: NodeJS.ProcessEnv): GatewayEnv {
  const parsed = GatewayEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`bad gateway configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
