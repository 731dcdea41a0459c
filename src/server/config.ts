import { z } from 'zod';
import { ScenarioId } from '../shared/protocol/index.ts';

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
