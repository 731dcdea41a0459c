import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway } from './app.ts';
import { readEnv } from './config.ts';
import { hashPassword, parseOperators } from './operators.ts';

// The only module with side effects: read the environment, start, stop cleanly on a signal.
const root = fileURLToPath(new URL('../..', import.meta.url));
const env = readEnv(process.env);
mkdirSync(dirname(resolve(root, env.EVENT_DB)), { recursive: true });
// An exercise with no sign-in configured gets a one-run duty officer, so the console can
// dispatch out of the box; the password is random and printed below, never stored.
const exerciseLogin =
  !env.TOKEN_SECRET && !env.OPERATORS && env.SIMULATOR === 'on'
    ? { secret: randomBytes(32).toString('hex'), password: randomBytes(6).toString('base64url') }
    : null;
const operators = exerciseLogin
  ? [{ name: 'duty', role: 'duty_officer' as const, secret: hashPassword(exerciseLogin.password) }]
  : parseOperators(env.OPERATORS);
const gateway = await createGateway({
  fixturesDir: `${root}fixtures`,
  eventLog: resolve(root, env.EVENT_DB),
  redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : null,
  simulator: env.SIMULATOR === 'on' ? { speed: env.SIM_SPEED, seed: env.SIM_SEED } : null,
  exercise: env.EXERCISE === 'auto' ? undefined : env.EXERCISE === 'on',
  checkpointEvery: env.CHECKPOINT_EVERY,
  ingestKeys: env.INGEST_KEYS,
  tokenSecret: env.TOKEN_SECRET ?? exerciseLogin?.secret ?? null,
  operators,
  allowedOrigins: env.ALLOWED_ORIGINS,
  staticDir: `${root}dist`,
  scenarios: env.SCENARIOS,
  logger: env.LOG === 'on',
  tiles: {
    cacheDir: resolve(root, env.TILE_CACHE_DIR),
    cacheBytes: env.TILE_CACHE_MB * 1024 * 1024,
    tiandituKey: env.TIANDITU_KEY ?? null,
    defaultBasemap: env.BASEMAP_DEFAULT ?? null,
    styleUrl: env.BASEMAP_STYLE_URL ?? null,
    styleCrs: env.BASEMAP_STYLE_CRS,
    pmtiles: env.BASEMAP_PMTILES ? resolve(root, env.BASEMAP_PMTILES) : null,
    upstreams: Object.fromEntries(
      env.TILE_UPSTREAMS.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
    ),
  },
});
const url = await gateway.listen(env.PORT, env.HOST);
console.log(`OneMap is running: open ${url}/ (read API ${url}/api/scenarios)`);
if (exerciseLogin)
  console.log(
    `Exercise sign-in for this run: duty / ${exerciseLogin.password} (duty officer; set TOKEN_SECRET and OPERATORS for real accounts)`,
  );

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void gateway.close().then(() => process.exit(0));
  });
}
