import type { Role } from '../../shared/protocol/index.ts';
import type { KeyChannel } from './keys.ts';
import type { Principal } from './principal.ts';

/**
 * Who may call a route (or send on a socket):
 * - `public`: anyone — the app itself, signing in, liveness;
 * - `read`: the read API — anonymous readers only when the deployment says `READ_ACCESS=open`
 *   (and then shaped for the public: no people, no sensitive incidents);
 * - `signed-in`: what touches people or operations — an operator of any role, an internal wall
 *   or a read key (never anonymous, never a public wall);
 * - `audit`, `planner`, `metrics`, `admin`: those roles (and metrics keys);
 * - `ingest:<channel>`: an API key holding that channel.
 */
export type Access =
  | 'public'
  | 'read'
  | 'signed-in'
  | 'audit'
  | 'planner'
  | 'metrics'
  | 'admin'
  | 'ingest:events'
  | 'ingest:cap'
  | 'ingest:gps'
  | 'ingest:observations';

/** Who reads the `read` class: anyone (the exercise sample) or only those signed in. */
export type ReadAccess = 'open' | 'signed-in';

/** Why a principal may not: 401 (say who you are) or 403 (you may not), with the reason. */
export interface Refusal {
  status: 401 | 403;
  error: string;
}

const ROLES: Partial<Record<Access, readonly Role[]>> = {
  audit: ['duty_officer', 'admin'],
  planner: ['planner', 'duty_officer', 'admin'],
  metrics: ['admin'],
  admin: ['admin'],
};
const KEY_CHANNEL: Partial<Record<Access, KeyChannel>> = {
  read: 'read',
  'signed-in': 'read',
  metrics: 'metrics',
  'ingest:events': 'events',
  'ingest:cap': 'cap',
  'ingest:gps': 'gps',
  'ingest:observations': 'observations',
};

/** Whether `p` may use something of class `access`; null when it may. */
export function refusal(access: Access, p: Principal, readAccess: ReadAccess): Refusal | null {
  if (access === 'public') return null;
  if (p.kind === 'anonymous') {
    if (access === 'read' && readAccess === 'open') return null;
    return {
      status: 401,
      error:
        access === 'read'
          ? 'sign in first: this gateway serves its data to signed-in users (READ_ACCESS=signed-in)'
          : access.startsWith('ingest:')
            ? 'an API key is required (x-api-key or Authorization: Bearer)'
            : 'sign in first: this needs an account',
    };
  }
  const forbidden = (why: string): Refusal => ({ status: 403, error: `forbidden: ${why}` });
  switch (p.kind) {
    case 'operator': {
      if (access === 'read' || access === 'signed-in') return null;
      const roles = ROLES[access];
      if (roles?.includes(p.role)) return null;
      return forbidden(
        roles
          ? `a ${p.role} may not do this (needs ${roles.join(' or ')})`
          : `${access} is for API keys, not people`,
      );
    }
    case 'wall':
      if (access === 'read') return null;
      if (access === 'signed-in' && p.wall.audience === 'full') return null;
      return forbidden(`the wall ${p.wall.name} (${p.wall.audience}) may not read this`);
    case 'key': {
      const channel = KEY_CHANNEL[access];
      if (channel && p.key.channels.has(channel)) return null;
      return forbidden(
        `the key ${p.key.name} has no ${channel ?? access} channel (it has ${[...p.key.channels].join(', ')})`,
      );
    }
  }
}

/**
 * The route table: every HTTP route the gateway serves and who may call it. A route missing
 * here stops the gateway at start-up, so nothing is served without a decision. `*` ends a
 * prefix (static files); HEAD follows GET.
 */
export const ROUTE_ACCESS: readonly (readonly [route: string, access: Access])[] = [
  ['GET /api/health', 'public'],
  ['GET /api/whoami', 'public'],
  ['POST /api/session', 'public'],
  // 叫应 answers: the link's token (or the provider's receipt carrying it) is the credential.
  ['GET /api/answer/:token', 'public'],
  ['POST /api/answer/:token', 'public'],
  ['POST /api/callouts/aliyun/voice-report', 'public'],
  // 点名 at a shelter's door: the check-in link's token is the credential.
  ['GET /api/checkin/:token', 'public'],
  ['POST /api/checkin/:token', 'public'],
  ['GET /metrics', 'metrics'],
  ['GET /api/health/details', 'metrics'],
  // Geography, resources and the live picture (shaped for the reader's audience).
  ['GET /api/scenarios', 'read'],
  ['GET /api/scenarios/:scenario', 'read'],
  ['GET /api/scenarios/:scenario/conformance', 'read'],
  ['GET /api/scenarios/:scenario/collections', 'read'],
  ['GET /api/scenarios/:scenario/collections/:collection', 'read'],
  ['GET /api/scenarios/:scenario/collections/:collection/items', 'read'],
  ['GET /api/scenarios/:scenario/collections/:collection/items/:featureId', 'read'],
  ['GET /api/scenarios/:scenario/stats/reports', 'read'],
  ['GET /api/scenarios/:scenario/stats/hazards', 'read'],
  ['GET /api/scenarios/:scenario/tables/:table', 'read'],
  ['GET /api/scenarios/:scenario/wall', 'read'],
  ['GET /api/scenarios/:scenario/plans/current', 'read'],
  ['GET /api/scenarios/:scenario/stations/readings', 'read'],
  ['GET /api/scenarios/:scenario/rules', 'read'],
  ['GET /api/callouts/setup', 'read'],
  ['GET /api/scenarios/:scenario/people/villages', 'read'],
  ['GET /api/scenarios/:scenario/stations/:station/observations', 'read'],
  ['GET /api/basemaps', 'read'],
  ['GET /tiles/:source/:z/:x/:y', 'read'],
  ['GET /basemap/*', 'read'],
  ['GET /basemap-archive/*', 'read'],
  ['GET /streams/*', 'read'],
  // Operations: who did what, the log itself, going back in time.
  ['GET /api/scenarios/:scenario/events', 'signed-in'],
  ['GET /api/scenarios/:scenario/incidents/:incident/log', 'signed-in'],
  ['GET /api/scenarios/:scenario/incidents/:incident/recommendations', 'signed-in'],
  ['GET /api/scenarios/:scenario/briefing', 'signed-in'],
  ['GET /api/scenarios/:scenario/replay', 'signed-in'],
  ['GET /api/scenarios/:scenario/replay/range', 'signed-in'],
  ['GET /api/scenarios/:scenario/replay/events', 'signed-in'],
  // Transfer by name: who has arrived where, and the registers by name.
  ['GET /api/scenarios/:scenario/roll', 'signed-in'],
  ['GET /api/scenarios/:scenario/people', 'signed-in'],
  ['GET /api/scenarios/:scenario/people/unaccounted.csv', 'signed-in'],
  ['GET /api/audit', 'audit'],
  ['POST /api/scenarios/:scenario/checkin-links', 'planner'],
  ['POST /api/scenarios/:scenario/plans', 'planner'],
  // 数据管理: importing registers into a jurisdiction, and their templates.
  ['POST /api/scenarios/:scenario/imports', 'admin'],
  ['PUT /api/scenarios/:scenario/rules', 'admin'],
  ['GET /api/scenarios/:scenario/callouts/outbox', 'admin'],
  ['GET /api/scenarios/:scenario/imports/templates/:register', 'admin'],
  ['POST /api/ingest/events', 'ingest:events'],
  ['POST /api/ingest/cap', 'ingest:cap'],
  ['GET /api/ingest/gps', 'ingest:gps'],
  ['POST /api/ingest/gps', 'ingest:gps'],
  ['POST /api/ingest/sensorthings/Datastreams', 'ingest:observations'],
  ['POST /api/ingest/sensorthings/Observations', 'ingest:observations'],
];

const EXACT = new Map(ROUTE_ACCESS.filter(([r]) => !r.endsWith('*')));
const PREFIXES = ROUTE_ACCESS.filter(([r]) => r.endsWith('*')).map(
  ([r, a]) => [r.slice(0, -1), a] as const,
);

/** The class of a route as fastify registered it (`url` is its pattern), if the table has it. */
export function accessOf(method: string, url: string): Access | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const route = `${m} ${url}`;
  return EXACT.get(route) ?? PREFIXES.find(([prefix]) => route.startsWith(prefix))?.[1];
}

/** Routes that are commands under another name in the audit (a refused attempt is filed there). */
export const AUDIT_NAMES: Readonly<Record<string, string>> = {
  'POST /api/scenarios/:scenario/plans': 'plan:publish',
  'PUT /api/scenarios/:scenario/rules': 'rules:update',
  'POST /api/ingest/events': 'ingest:events',
  'POST /api/ingest/cap': 'ingest:cap',
  'GET /api/ingest/gps': 'ingest:gps',
  'POST /api/ingest/gps': 'ingest:gps',
  'POST /api/ingest/sensorthings/Datastreams': 'ingest:sensorthings',
  'POST /api/ingest/sensorthings/Observations': 'ingest:sensorthings',
};
