import type { AliyunOptions } from '../callout/aliyun-messenger.ts';
import type { CalloutDesk } from '../callout/callout-desk.ts';
import type { HydroDesk } from '../hydro/hydro-desk.ts';
import type { Sl651Options } from '../ingest/sl651-server.ts';
import type { FastifyInstance } from 'fastify';
import type { ScenarioId, WarningColour } from '../../shared/protocol/index.ts';
import type { GuardedRoute } from '../access/http-guard.ts';
import type { ApiKeyEntry, WallKeyEntry } from '../access/keys.ts';
import type { ReadAccess } from '../access/route-access.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { RetentionPolicy } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';
import type { Operator } from '../operators.ts';
import type { Simulator } from '../sim/simulator.ts';
import type { GatewayServer } from '../socket/gateway-io.ts';
import type { TileOptions } from '../tiles/tile-routes.ts';

export interface GatewayOptions {
  /**
   * The data directory (DATA_DIR): a folder per jurisdiction (its manifest `meta.json`, the list
   * of its files `manifest.json`, its collections), as `npm run fixtures` or an import writes
   * them; the sample assets (basemap/, streams/) beside them.
   */
  dataDir: string;
  /** SQLite file of the event log (created if missing); ':memory:' for throwaway tests. */
  eventLog: string;
  /** The most the SQLite log may take (bytes); past it writes are refused as on a full disk. */
  eventLogMaxBytes?: number | undefined;
  /**
   * What the log keeps, by age (defaults in log-retention.ts), and how often a pass runs (ms;
   * 0: only when the log is full).
   */
  retention?: (Partial<RetentionPolicy> & { everyMs?: number }) | undefined;
  /**
   * Scale-out: the event log and bus shared by every gateway node in this Redis (the SQLite
   * file is then unused), and the simulator runs on one node at a time.
   */
  redis?: {
    url: string;
    prefix?: string;
    leaseMs?: number;
    /** A Redis without AOF or with eviction: refuse to start (default) or warn. */
    unsafe?: 'refuse' | 'warn';
  } | null;
  /** HS256 secret of the role tokens; without it no one can sign in. */
  tokenSecret?: string | null;
  /** People who may sign in (`POST /api/session`). */
  operators?: readonly Operator[];
  /** Who reads the read API: anyone (shaped for the public) or only those signed in. */
  readAccess?: ReadAccess;
  /** Machine clients' keys: ingest channels, OGC reading, metrics. */
  apiKeys?: readonly ApiKeyEntry[];
  /** Walls' keys, each public or internal. */
  wallKeys?: readonly WallKeyEntry[];
  /** Browser origins allowed besides the gateway's own (e.g. a Vite dev server). */
  allowedOrigins?: readonly string[];
  /** Host names the gateway answers to besides loopback and its own names and addresses. */
  allowedHosts?: readonly string[];
  /** Addresses or CIDRs of the proxies in front, whose X-Forwarded-For is believed. */
  trustProxy?: readonly string[];
  /** Built-in HTTPS (PEM certificate chain and key); HSTS goes with it. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  /** Other origins the console's pages may load from (Content-Security-Policy). */
  contentSources?: readonly string[];
  /** Who may frame the pages (CSP frame-ancestors); none by default. */
  frameAncestors?: readonly string[];
  /** Sockets per client address and in all; new sockets and messages a second (per address / socket). */
  limits?: {
    socketsPerAddress?: number;
    sockets?: number;
    handshakesPerSecond?: number;
    messagesPerSecond?: number;
  };
  /** Run the exercise simulator as the feed. */
  simulator: {
    speed: number;
    seed: number;
    /** The 水雨情 weather beside it (default on). */ weather?: boolean;
  } | null;
  /**
   * Events of a scenario between checkpoints of its live state in the log (start-up and replay
   * read from the newest one); 0 turns them off. Default 10,000.
   */
  checkpointEvery?: number | undefined;
  /** The data is exercise data (watermarked everywhere); defaults to whether the simulator runs. */
  exercise?: boolean | undefined;
  /** Built app (vite build output); omitted in API-only tests. */
  staticDir?: string;
  /** Which jurisdictions of the data directory to serve, in this order; default: all, by id. */
  scenarios?: readonly ScenarioId[];
  /**
   * How often (ms) the data directory is read for new versions and new jurisdictions, served
   * without a restart; 0 turns it off. Default 2,000.
   */
  dataPollMs?: number;
  logger?: boolean;
  /** Basemaps: the tile proxy's cache and upstreams, presets on offer (see `tileRoutes`). */
  tiles?: TileOptions;
  /** SQLite file of station observations; default in memory (tests). */
  observationDb?: string;
  /** The SL 651-2014 listener for hydrological RTUs (TCP); null or absent: none. */
  sl651?: (Sl651Options & { port: number; host?: string }) | null;
  /** 叫应: who is called about which warnings, how long they have, through which provider. */
  callout?: CalloutConfig;
}

export interface CalloutConfig {
  /** The messaging provider (default: loopback, which sends nothing off the machine). */
  provider?: { kind: 'loopback' } | ({ kind: 'aliyun' } & AliyunOptions);
  /** Minutes a person has to answer a round (default 5). */
  answerMinutes?: number;
  /** Rounds of calls before a callout lapses (default 3). */
  rounds?: number;
  /** Warning colours that call (default orange and red). */
  levels?: readonly WarningColour[];
  /** Whether rule firings at those levels call the villages they threaten (default off). */
  onFirings?: boolean;
  /** The address phones open the answer links on (default: the address the gateway listens on). */
  publicUrl?: string;
  /** Secret of the answer links (default: the token secret, else random per run). */
  secret?: string;
  /** How often (ms) the desk reconciles; 0: only when `sweep` is called (tests). Default 2,000. */
  sweepMs?: number;
  /** Whether the exercise's persons answer the loopback's calls (default: when the simulator runs). */
  exerciseAnswers?: boolean;
}

export interface Gateway {
  app: FastifyInstance;
  io: GatewayServer;
  scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
  rejections: Rejections;
  hub: FeedHub;
  simulators: Simulator[];
  /** Every HTTP route with its access class (what the authorisation test is generated from). */
  routes: readonly GuardedRoute[];
  /** The 水雨情 rules: every feed's observations go in here. */
  desk: HydroDesk;
  /** 叫应: calls, rounds, escalation, answers. */
  callouts: CalloutDesk;
  /** Starts listening; resolves to the URL (port 0 picks a free one). */
  listen(port: number, host?: string): Promise<string>;
  /** The SL 651 listener's port once listening (null without one). */
  sl651Port(): number | null;
  close(): Promise<void>;
}
