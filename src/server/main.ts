import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiKeyEntry, WallKeyEntry, feedsIn, parseKeyList } from './access/keys.ts';
import { createGateway } from './app.ts';
import { calloutConfig, readEnv } from './config.ts';
import { hashPassword, parseOperators } from './operators.ts';

// The only module with side effects: read the environment, start, stop cleanly on a signal.
const root = fileURLToPath(new URL('../..', import.meta.url));
const env = readEnv(process.env);
mkdirSync(dirname(resolve(root, env.EVENT_DB)), { recursive: true });
const apiKeys = parseKeyList('API_KEYS', env.API_KEYS, ApiKeyEntry);
const wallKeys = parseKeyList('WALL_KEYS', env.WALL_KEYS, WallKeyEntry);
// `auto`: the exercise runs only where no real feed comes in; real data is never mixed with it
// or watermarked as exercise unless EXERCISE=on says this is a drill.
// An SL 651 listener means real RTUs report: the exercise's weather must not rain on them.
const realFeeds = feedsIn(apiKeys) || env.SL651_PORT !== undefined;
const simulating = env.SIMULATOR === 'on' || (env.SIMULATOR === 'auto' && !realFeeds);
const exercise = env.EXERCISE === 'auto' ? simulating && !realFeeds : env.EXERCISE === 'on';
// An exercise with no sign-in configured gets a one-run duty officer, so the console can
// dispatch out of the box; the password is random and printed below, never stored.
const exerciseLogin =
  !env.TOKEN_SECRET && !env.OPERATORS && simulating
    ? { secret: randomBytes(32).toString('hex'), password: randomBytes(6).toString('base64url') }
    : null;
const operators = exerciseLogin
  ? [{ name: 'duty', role: 'duty_officer' as const, secret: hashPassword(exerciseLogin.password) }]
  : parseOperators(env.OPERATORS);
// The exercise sample may be watched by anyone (people's names and positions still need an
// account); once real accounts exist, so does the read API.
const readAccess = env.READ_ACCESS ?? (exerciseLogin ? 'open' : 'signed-in');
const gateway = await createGateway({
  dataDir: resolve(root, env.DATA_DIR),
  dataPollMs: env.DATA_POLL_MS,
  eventLog: resolve(root, env.EVENT_DB),
  eventLogMaxBytes:
    env.EVENT_DB_MAX_MB === undefined ? undefined : env.EVENT_DB_MAX_MB * 1024 * 1024,
  retention: {
    telemetryAfterMs: env.TELEMETRY_FULL_HOURS * 3_600_000,
    telemetryEveryMs: env.TELEMETRY_EVERY_S * 1_000,
    everyMs: env.RETENTION_EVERY_MIN * 60_000,
  },
  observationDb: resolve(root, env.OBSERVATION_DB),
  sl651:
    env.SL651_PORT === undefined
      ? null
      : {
          port: env.SL651_PORT,
          host: env.SL651_HOST ?? env.HOST,
          password: env.SL651_PASSWORD ? parseInt(env.SL651_PASSWORD, 16) : null,
        },
  callout: calloutConfig(env),
  redis: env.REDIS_URL
    ? {
        url: env.REDIS_URL,
        prefix: env.REDIS_PREFIX,
        unsafe: env.REDIS_UNSAFE,
        leaseMs: env.REDIS_LEASE_MS,
      }
    : null,
  simulator: simulating ? { speed: env.SIM_SPEED, seed: env.SIM_SEED } : null,
  exercise,
  checkpointEvery: env.CHECKPOINT_EVERY,
  tokenSecret: env.TOKEN_SECRET ?? exerciseLogin?.secret ?? null,
  operators,
  readAccess,
  apiKeys,
  wallKeys,
  allowedOrigins: env.ALLOWED_ORIGINS,
  allowedHosts: env.ALLOWED_HOSTS,
  trustProxy: env.TRUST_PROXY,
  tls:
    env.TLS_CERT && env.TLS_KEY
      ? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) }
      : null,
  contentSources: env.CONTENT_SOURCES,
  frameAncestors: env.FRAME_ANCESTORS,
  limits: {
    socketsPerAddress: env.MAX_SOCKETS_PER_ADDRESS,
    sockets: env.MAX_SOCKETS,
    handshakesPerSecond: env.MAX_NEW_SOCKETS_PER_SECOND,
  },
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

// Last resort: whatever a bug lets through from outside is logged and counted, and the gateway
// keeps serving the consoles that depend on it (every input is validated before this).
for (const kind of ['uncaughtException', 'unhandledRejection'] as const)
  process.on(kind, (error: unknown) => {
    gateway.rejections.count('process', kind);
    gateway.app.log.error(error, `${kind}: kept serving`);
  });

const url = await gateway.listen(env.PORT, env.HOST);
console.log(
  `Simulator ${simulating ? 'on' : 'off'}${realFeeds ? ' (real feeds configured)' : ''}; data ${exercise ? 'marked as exercise' : 'not marked as exercise'}; read API ${readAccess}`,
);
if (exerciseLogin)
  console.log(
    `Exercise sign-in for this run: duty / ${exerciseLogin.password} (duty officer; set TOKEN_SECRET and OPERATORS for real accounts)`,
  );
// Last: what start-up scripts (and the tests) wait for, with everything above it already out.
console.log(`OneMap is running: open ${url}/ (read API ${url}/api/scenarios)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void gateway.close().then(() => process.exit(0));
  });
}
