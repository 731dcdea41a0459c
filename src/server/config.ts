import { z } from 'zod';
import { BasemapCrs, BasemapId, ScenarioId } from '../shared/protocol/index.ts';
import type { CalloutConfig } from './wiring/gateway-options.ts';

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

const ALIYUN_NEEDED = [
  'ALIYUN_ACCESS_KEY_ID',
  'ALIYUN_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_TEMPLATE',
  'ALIYUN_VOICE_SHOW_NUMBER',
  'ALIYUN_VOICE_TEMPLATE',
  'ALIYUN_VOICE_ACK_TEMPLATE',
] as const;

/** Environment the gateway reads at start; a bad value stops it with the reason. */
export const GatewayEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    HOST: z.string().default('127.0.0.1'),
    /** The data directory: a folder per jurisdiction (default: the generated samples). */
    DATA_DIR: z.string().default('fixtures'),
    /** Which of its jurisdictions to serve, in this order (default: every one, by id). */
    SCENARIOS: commaList('').pipe(z.array(ScenarioId)),
    /** How often (ms) the data directory is read for new versions and jurisdictions; 0: never. */
    DATA_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
    LOG: z.enum(['on', 'off']).default('on'),
    /** SQLite file of the event log. */
    EVENT_DB: z.string().default('data/events.sqlite'),
    /** The most the event log's file may take; past it, writes are refused as on a full disk. */
    EVENT_DB_MAX_MB: z.coerce.number().positive().optional(),
    /** Hours of team positions kept whole; older ones are thinned to one fix per team per TELEMETRY_EVERY_S. */
    TELEMETRY_FULL_HOURS: z.coerce.number().positive().default(24),
    TELEMETRY_EVERY_S: z.coerce.number().positive().default(60),
    /** Minutes between retention passes over the log (0: only when it is full). */
    RETENTION_EVERY_MIN: z.coerce.number().min(0).default(10),
    /** SQLite file of station observations (rain, levels). */
    OBSERVATION_DB: z.string().default('data/observations.sqlite'),
    /** TCP port of the SL 651-2014 listener for hydrological RTUs; unset: no listener. */
    SL651_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    /** Address it listens on (default: HOST). RTUs on a private APN reach it there. */
    SL651_HOST: z.string().optional(),
    /** The RTUs' password (SL 651 密码, 4 hex digits); frames with another are refused. */
    SL651_PASSWORD: z
      .string()
      .regex(/^[0-9A-Fa-f]{4}$/, { error: 'SL651_PASSWORD is 4 hex digits, e.g. 1234' })
      .optional(),
    /** 叫应's messaging provider: `loopback` keeps the calls in an outbox (the exercise), `aliyun` sends. */
    CALLOUT_PROVIDER: z.enum(['loopback', 'aliyun']).default('loopback'),
    /** Minutes a responsible person has to answer before the call is repeated and escalated. */
    CALLOUT_ANSWER_MINUTES: z.coerce.number().positive().max(120).default(5),
    /** Rounds of calls before a callout is marked unanswered. */
    CALLOUT_ROUNDS: z.coerce.number().int().min(1).max(10).default(3),
    /** Warning colours that start 叫应. */
    CALLOUT_LEVELS: commaList('orange,red').pipe(
      z.array(
        z.enum(['blue', 'yellow', 'orange', 'red'], {
          error: 'CALLOUT_LEVELS lists warning colours: blue, yellow, orange, red',
        }),
      ),
    ),
    /** Whether rule firings at those levels call the villages they threaten. */
    CALLOUT_ON_FIRINGS: z.enum(['on', 'off']).default('off'),
    /** The address the answer links use (what phones reach), e.g. https://onemap.example.gov.cn */
    PUBLIC_URL: z
      .url({ error: 'PUBLIC_URL must be a URL, e.g. https://onemap.example.gov.cn' })
      .optional(),
    /** Secret of the answer links (default: TOKEN_SECRET). */
    CALLOUT_SECRET: z
      .string()
      .min(32, { error: 'CALLOUT_SECRET needs at least 32 characters' })
      .optional(),
    /** Alibaba Cloud account and templates for CALLOUT_PROVIDER=aliyun (see the README). */
    ALIYUN_ACCESS_KEY_ID: z.string().optional(),
    ALIYUN_ACCESS_KEY_SECRET: z.string().optional(),
    ALIYUN_SMS_SIGN_NAME: z.string().optional(),
    ALIYUN_SMS_TEMPLATE: z.string().optional(),
    ALIYUN_VOICE_SHOW_NUMBER: z.string().optional(),
    ALIYUN_VOICE_TEMPLATE: z.string().optional(),
    ALIYUN_VOICE_ACK_TEMPLATE: z.string().optional(),
    ALIYUN_SMS_ENDPOINT: z.url().optional(),
    ALIYUN_VOICE_ENDPOINT: z.url().optional(),
    /**
     * Scale-out: redis://host:port of the Redis every gateway node shares (event log, bus,
     * simulator lease). Unset: one node with its SQLite file.
     */
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'REDIS_URL must be redis://host:port' })
      .optional(),
    /** Key prefix in that Redis (one per deployment sharing it). */
    /** How long a node's lease on a job (the simulator, 叫应, warning expiry) lasts unrenewed. */
    REDIS_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** A Redis without its append-only file, or that may evict keys: refuse to start, or warn. */
    REDIS_UNSAFE: z.enum(['refuse', 'warn']).default('refuse'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[\w:.-]+$/)
      .default('onemap'),
    /** The exercise simulator: `auto` runs it only when no real feed (API key) is configured. */
    SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
    /**
     * Marks the data as exercise data (演练 watermark on screens and exports): `auto` while only the
     * simulator feeds it; `on` for a drill run over relayed real feeds. Real feeds are never marked
     * exercise unless this says `on`.
     */
    EXERCISE: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Events of a scenario between checkpoints of its live state (0: none). */
    CHECKPOINT_EVERY: z.coerce.number().int().min(0).default(10_000),
    /** Simulated seconds per real second. */
    SIM_SPEED: z.coerce.number().positive().max(3600).default(10),
    SIM_SEED: z.coerce.number().int().default(720),
    /** HS256 secret for role tokens (≥32 characters); unset with no OPERATORS: the exercise login. */
    TOKEN_SECRET: z
      .string()
      .min(32, { error: 'TOKEN_SECRET needs at least 32 characters' })
      .optional(),
    /** Who may sign in: comma-separated name:role:scrypt$salt$hash (see `npm run operator`). */
    OPERATORS: z.string().default(''),
    /**
     * Who reads the read API: `open` (anyone, shaped for the public: no people, no sensitive
     * incidents) or `signed-in`. Default: open on the exercise sample, signed-in once real accounts
     * (TOKEN_SECRET/OPERATORS) are configured.
     */
    READ_ACCESS: z.enum(['open', 'signed-in']).optional(),
    /** Machine clients' keys, a JSON list (see `npm run key`): ingest, OGC reading, metrics. */
    API_KEYS: z.string().default(''),
    /** Walls' keys, a JSON list: [{"name":"hall","audience":"public","sha256":"…"}]. */
    WALL_KEYS: z.string().default(''),
    /** Replaced by API_KEYS (named, scoped keys). */
    INGEST_KEYS: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '', {
        error:
          'INGEST_KEYS is replaced by API_KEYS: a JSON list of named keys with their channels (npm run key -- <name> <channels…>)',
      }),
    /** Extra browser origins allowed to open the socket (comma-separated). */
    ALLOWED_ORIGINS: commaList(''),
    /** Host names the gateway answers to besides loopback and its own names and addresses. */
    ALLOWED_HOSTS: commaList(''),
    /** Addresses or CIDRs of the reverse proxies in front (their X-Forwarded-For is believed). */
    TRUST_PROXY: commaList('').pipe(
      z.array(
        z.string().regex(/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/, {
          error: 'TRUST_PROXY lists proxy addresses or CIDRs (or loopback), not "true"',
        }),
      ),
    ),
    /** Built-in HTTPS: PEM files of the certificate (chain) and its key. */
    TLS_CERT: z.string().optional(),
    TLS_KEY: z.string().optional(),
    /** Origins the pages may load from besides the gateway (CSP), e.g. an intranet tile server. */
    CONTENT_SOURCES: commaList(''),
    /** Who may frame the console (CSP frame-ancestors), e.g. a video-conference portal. */
    FRAME_ANCESTORS: commaList(''),
    /** Sockets one client address may hold, and the gateway in all. */
    MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().positive().default(50),
    MAX_SOCKETS: z.coerce.number().int().positive().default(5_000),
    /** New sockets a second from one address (a client reconnecting in a loop is refused past it). */
    MAX_NEW_SOCKETS_PER_SECOND: z.coerce.number().int().positive().default(10),
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
  })
  .refine((e) => (e.TLS_CERT === undefined) === (e.TLS_KEY === undefined), {
    path: ['TLS_KEY'],
    error: 'TLS_CERT and TLS_KEY go together',
  })
  .refine(
    (e) => e.CALLOUT_PROVIDER !== 'aliyun' || ALIYUN_NEEDED.every((k) => e[k] !== undefined),
    {
      path: ['CALLOUT_PROVIDER'],
      error: `CALLOUT_PROVIDER=aliyun needs ${ALIYUN_NEEDED.join(', ')}`,
    },
  );
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export function readEnv(env: NodeJS.ProcessEnv): GatewayEnv {
  const parsed = GatewayEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`bad gateway configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The 叫应 part of the gateway's options, from the environment. */
export function calloutConfig(env: GatewayEnv): CalloutConfig {
  const aliyun = () => ({
    kind: 'aliyun' as const,
    accessKeyId: env.ALIYUN_ACCESS_KEY_ID ?? '',
    accessKeySecret: env.ALIYUN_ACCESS_KEY_SECRET ?? '',
    signName: env.ALIYUN_SMS_SIGN_NAME ?? '',
    smsTemplate: env.ALIYUN_SMS_TEMPLATE ?? '',
    showNumber: env.ALIYUN_VOICE_SHOW_NUMBER ?? '',
    voiceTemplate: env.ALIYUN_VOICE_TEMPLATE ?? '',
    voiceAckTemplate: env.ALIYUN_VOICE_ACK_TEMPLATE ?? '',
    ...(env.ALIYUN_SMS_ENDPOINT ? { smsEndpoint: env.ALIYUN_SMS_ENDPOINT } : {}),
    ...(env.ALIYUN_VOICE_ENDPOINT ? { voiceEndpoint: env.ALIYUN_VOICE_ENDPOINT } : {}),
  });
  return {
    provider: env.CALLOUT_PROVIDER === 'aliyun' ? aliyun() : { kind: 'loopback' },
    answerMinutes: env.CALLOUT_ANSWER_MINUTES,
    rounds: env.CALLOUT_ROUNDS,
    levels: env.CALLOUT_LEVELS,
    onFirings: env.CALLOUT_ON_FIRINGS === 'on',
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    ...(env.CALLOUT_SECRET ? { secret: env.CALLOUT_SECRET } : {}),
  };
}
