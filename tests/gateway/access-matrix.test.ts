import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/server/app.ts';
import type { ApiKeyEntry, WallKeyEntry } from '../../src/server/access/keys.ts';
import type { Access, ReadAccess } from '../../src/server/access/route-access.ts';
import { signToken } from '../../src/server/access/tokens.ts';
import { hashPassword } from '../../src/server/operators.ts';
import {
  COMMANDS,
  type Ack,
  type CommandName,
  type Role,
} from '../../src/shared/protocol/index.ts';
import { TEST_SECRET } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';

/**
 * The authorisation matrix: every HTTP route the gateway registered (`gateway.routes`, from the
 * route table) and every socket command (`COMMANDS`), asked by every kind of caller, against an
 * expectation written here independently of the gateway's own table: who may use each access
 * class. A route or command without a probe below fails the test, so a new one cannot slip in
 * unchecked.
 */

type Caller =
  | 'anonymous'
  | 'viewer'
  | 'planner'
  | 'duty officer'
  | 'admin'
  | 'public wall'
  | 'internal wall'
  | 'read key'
  | 'gps key'
  | 'metrics key'
  | 'expired token'
  | 'forged token'
  | 'alg:none';
const CALLERS: readonly Caller[] = [
  'anonymous',
  'viewer',
  'planner',
  'duty officer',
  'admin',
  'public wall',
  'internal wall',
  'read key',
  'gps key',
  'metrics key',
  'expired token',
  'forged token',
  'alg:none',
];
const INVALID: ReadonlySet<Caller> = new Set(['expired token', 'forged token', 'alg:none']);
const PEOPLE: readonly Caller[] = ['viewer', 'planner', 'duty officer', 'admin'];

/** Who may use each class — the policy as the README states it. */
function allowed(access: Access, caller: Caller, readAccess: ReadAccess): boolean {
  if (access === 'public') return true;
  if (INVALID.has(caller)) return false;
  switch (access) {
    case 'read':
      return (
        [...PEOPLE, 'public wall', 'internal wall', 'read key'].includes(caller) ||
        (caller === 'anonymous' && readAccess === 'open')
      );
    case 'signed-in':
      return [...PEOPLE, 'internal wall', 'read key'].includes(caller);
    case 'audit':
      return caller === 'duty officer' || caller === 'admin';
    case 'planner':
      return ['planner', 'duty officer', 'admin'].includes(caller);
    case 'metrics':
      return caller === 'admin' || caller === 'metrics key';
    case 'admin':
      return caller === 'admin';
    case 'ingest:gps':
      return caller === 'gps key';
    case 'ingest:events':
    case 'ingest:cap':
    case 'ingest:observations':
      return false;
  }
}

const KEYS = {
  read: 'matrix-read-key-0123456789abcdef',
  gps: 'matrix-gps-key-0123456789abcdef0',
  metrics: 'matrix-metrics-key-0123456789abc',
  publicWall: 'matrix-public-wall-0123456789abc',
  internalWall: 'matrix-internal-wall-0123456789a',
};
const apiKeys: ApiKeyEntry[] = [
  { name: 'gis', channels: ['read'], events: [], key: KEYS.read },
  { name: 'gps-box', channels: ['gps'], events: [], scenario: 'erqi', key: KEYS.gps },
  { name: 'prometheus', channels: ['metrics'], events: [], key: KEYS.metrics },
];
const wallKeys: WallKeyEntry[] = [
  { name: 'hall', audience: 'public', key: KEYS.publicWall },
  { name: 'ops-room', audience: 'full', key: KEYS.internalWall },
];

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
async function credentialOf(caller: Caller): Promise<string | null> {
  const person = (role: Role) => signToken(TEST_SECRET, `matrix-${role}`, role, 600);
  switch (caller) {
    case 'anonymous':
      return null;
    case 'viewer':
      return person('viewer');
    case 'planner':
      return person('planner');
    case 'duty officer':
      return person('duty_officer');
    case 'admin':
      return person('admin');
    case 'public wall':
      return KEYS.publicWall;
    case 'internal wall':
      return KEYS.internalWall;
    case 'read key':
      return KEYS.read;
    case 'gps key':
      return KEYS.gps;
    case 'metrics key':
      return KEYS.metrics;
    case 'expired token':
      return signToken(TEST_SECRET, 'matrix-late', 'admin', -60);
    case 'forged token':
      return signToken('not-the-gateway-secret-but-long-enough', 'matrix-forger', 'admin', 600);
    case 'alg:none':
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'matrix-none', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
  }
}

interface Probe {
  /** The class this test expects the route to have (written here, not read from the gateway). */
  access: Access;
  path: string;
  body?: string;
  type?: string;
}

/** One concrete request per route pattern (the test fails for a route without one). */
function probes(incident: string): Record<string, Probe> {
  const s = '/api/scenarios/erqi';
  const json = 'application/json';
  const now = new Date().toISOString();
  const get = (access: Access, path: string): Probe => ({ access, path });
  return {
    'GET /api/health': get('public', '/api/health'),
    'GET /api/whoami': get('public', '/api/whoami'),
    'POST /api/session': {
      access: 'public',
      path: '/api/session',
      body: '{"name":"matrix","password":"matrix-password"}',
      type: json,
    },
    // A link no call made: everyone reaches the route, which answers 404 (no such call).
    'GET /api/answer/:token': get('public', '/api/answer/bm9uZQ.AAAAAAAAAAAAAAAAAAAAAA'),
    'POST /api/answer/:token': {
      access: 'public',
      path: '/api/answer/bm9uZQ.AAAAAAAAAAAAAAAAAAAAAA',
      body: '{"answer":"received"}',
      type: json,
    },
    'POST /api/callouts/aliyun/voice-report': {
      access: 'public',
      path: '/api/callouts/aliyun/voice-report',
      body: '[]',
      type: json,
    },
    // A check-in link no one made: everyone reaches the route, which answers 404.
    'GET /api/checkin/:token': get('public', '/api/checkin/bm9uZQ.AAAAAAAAAAAAAAAAAAAAAA'),
    'POST /api/checkin/:token': {
      access: 'public',
      path: '/api/checkin/bm9uZQ.AAAAAAAAAAAAAAAAAAAAAA',
      body: `{"scans":[{"id":"matrix-scan","text":"0000000","at":"${now}"}]}`,
      type: json,
    },
    'GET /api/scenarios/:scenario/people/villages': get('read', `${s}/people/villages`),
    'GET /api/scenarios/:scenario/people': get('signed-in', `${s}/people?village=000000000000`),
    'GET /api/scenarios/:scenario/people/unaccounted.csv': get(
      'signed-in',
      `${s}/people/unaccounted.csv?township=000000000`,
    ),
    'GET /api/scenarios/:scenario/roll': get('signed-in', `${s}/roll`),
    // Refused by its schema (no kind) after the role check: no link is made.
    'POST /api/scenarios/:scenario/checkin-links': {
      access: 'planner',
      path: `${s}/checkin-links`,
      body: '{}',
      type: json,
    },
    'GET /api/callouts/setup': get('read', '/api/callouts/setup'),
    'GET /api/scenarios/:scenario/callouts/outbox': get('admin', `${s}/callouts/outbox`),
    'GET /metrics': get('metrics', '/metrics'),
    'GET /api/health/details': get('metrics', '/api/health/details'),
    'GET /api/scenarios': get('read', '/api/scenarios'),
    'GET /api/scenarios/:scenario': get('read', s),
    'GET /api/scenarios/:scenario/conformance': get('read', `${s}/conformance`),
    'GET /api/scenarios/:scenario/collections': get('read', `${s}/collections`),
    'GET /api/scenarios/:scenario/collections/:collection': get('read', `${s}/collections/teams`),
    'GET /api/scenarios/:scenario/collections/:collection/items': get(
      'read',
      `${s}/collections/incidents/items`,
    ),
    'GET /api/scenarios/:scenario/collections/:collection/items/:featureId': get(
      'read',
      `${s}/collections/teams/items/TM0001`,
    ),
    'GET /api/scenarios/:scenario/stations/readings': get('read', `${s}/stations/readings`),
    'GET /api/scenarios/:scenario/stations/:station/observations': get(
      'read',
      `${s}/stations/ST0001/observations`,
    ),
    'GET /api/scenarios/:scenario/stats/reports': get('read', `${s}/stats/reports`),
    'GET /api/scenarios/:scenario/stats/hazards': get('read', `${s}/stats/hazards`),
    'GET /api/scenarios/:scenario/tables/:table': get('read', `${s}/tables/hidden-hazards.bin`),
    'GET /api/scenarios/:scenario/wall': get('read', `${s}/wall`),
    'GET /api/scenarios/:scenario/plans/current': get('read', `${s}/plans/current`),
    'GET /api/basemaps': get('read', '/api/basemaps?scenario=erqi'),
    'GET /tiles/:source/:z/:x/:y': get('read', '/tiles/nowhere/1/1/1'),
    'GET /basemap/*': get('read', '/basemap/erqi.pmtiles'),
    'GET /streams/*': get('read', '/streams/test/index.m3u8'),
    'GET /api/scenarios/:scenario/events': get('signed-in', `${s}/events?after=0&limit=10`),
    'GET /api/scenarios/:scenario/incidents/:incident/log': get(
      'signed-in',
      `${s}/incidents/${incident}/log`,
    ),
    'GET /api/scenarios/:scenario/incidents/:incident/recommendations': get(
      'signed-in',
      `${s}/incidents/${incident}/recommendations`,
    ),
    'GET /api/scenarios/:scenario/briefing': get('signed-in', `${s}/briefing`),
    'GET /api/scenarios/:scenario/replay': get('signed-in', `${s}/replay?at=${now}`),
    'GET /api/scenarios/:scenario/replay/range': get('signed-in', `${s}/replay/range`),
    'GET /api/scenarios/:scenario/replay/events': get(
      'signed-in',
      `${s}/replay/events?after=0&until=${now}`,
    ),
    'GET /api/audit': get('audit', '/api/audit?limit=1'),
    'POST /api/scenarios/:scenario/plans': {
      access: 'planner',
      path: `${s}/plans`,
      body: '{}',
      type: json,
    },
    // A dry run (nothing applied) of a register without rows; the file name is missing, so an
    // admin gets a 400 with the reason, everyone else a 401/403 before that.
    'GET /api/scenarios/:scenario/rules': get('read', `${s}/rules`),
    'PUT /api/scenarios/:scenario/rules': {
      access: 'admin',
      path: `${s}/rules`,
      // Refused by its schema after the role check: the probe changes nothing.
      body: '{"rules":"none"}',
      type: json,
    },
    'POST /api/scenarios/:scenario/imports': {
      access: 'admin',
      path: `${s}/imports?apply=0`,
      body: '名称,类型,容纳人数',
      type: 'application/octet-stream',
    },
    'GET /api/scenarios/:scenario/imports/templates/:register': get(
      'admin',
      `${s}/imports/templates/shelters`,
    ),
    'POST /api/ingest/events': {
      access: 'ingest:events',
      path: '/api/ingest/events',
      body: '{"scenario":"erqi","events":[]}',
      type: json,
    },
    'POST /api/ingest/cap': {
      access: 'ingest:cap',
      path: '/api/ingest/cap?scenario=erqi',
      body: '<x/>',
      type: 'text/xml',
    },
    'GET /api/ingest/gps': get('ingest:gps', '/api/ingest/gps?id=TM0001&lat=34.7&lon=113.6'),
    'POST /api/ingest/gps': {
      access: 'ingest:gps',
      path: '/api/ingest/gps',
      body: 'id=TM0001&lat=34.7&lon=113.6',
      type: 'application/x-www-form-urlencoded',
    },
    'POST /api/ingest/sensorthings/Datastreams': {
      access: 'ingest:observations',
      path: '/api/ingest/sensorthings/Datastreams?scenario=erqi',
      body: '{}',
      type: json,
    },
    'POST /api/ingest/sensorthings/Observations': {
      access: 'ingest:observations',
      path: '/api/ingest/sensorthings/Observations?scenario=erqi',
      body: '[]',
      type: json,
    },
  };
}

/** A payload each command's schema accepts (what the gateway then does with it varies). */
function commandPayloads(incident: string): Record<CommandName, object> {
  const scenario = 'erqi';
  return {
    'team:set-status': { scenario, id: 'TM0002', status: 'available' },
    'incident:acknowledge': { scenario, id: incident },
    'incident:dispatch': { scenario, id: incident, teamIds: ['NO-SUCH-TEAM'] },
    'incident:transition': { scenario, id: incident, to: 'on_scene' },
    'incident:create': {
      scenario,
      type: 'fire',
      severity: 'III',
      title: '矩阵测试',
      // Outside every township: refused by the handler after the role check, nothing created.
      position: [100, 30],
      address: '',
    },
    'hazard:transition': { scenario, id: 'NO-SUCH-HAZARD', to: 'verified' },
    'firing:acknowledge': { scenario, id: 'NO-SUCH-FIRING' },
    'wall:control': { scenario, focus: 'NO-SUCH-INCIDENT' },
    'briefing:present': { scenario, view: 's=erqi', title: '', notes: '' },
    'briefing:save-scene': {
      scenario,
      scene: { id: 'matrix', title: 't', notes: '', view: 's=erqi', annotations: [] },
    },
    'briefing:move-scene': { scenario, id: 'no-such-scene', index: 0 },
    'briefing:remove-scene': { scenario, id: 'no-such-scene' },
  };
}

const ROLE: Partial<Record<Caller, Role>> = {
  viewer: 'viewer',
  planner: 'planner',
  'duty officer': 'duty_officer',
  admin: 'admin',
};

for (const readAccess of ['open', 'signed-in'] as const) {
  describe(`the authorisation matrix, READ_ACCESS=${readAccess}`, () => {
    let gateway: Gateway;
    let base: string;
    const incident = sampleIncident({ sensitive: false });
    beforeAll(async () => {
      const started = await startGateway(['erqi'], true, {
        readAccess,
        apiKeys,
        wallKeys,
        operators: [{ name: 'matrix', role: 'viewer', secret: hashPassword('matrix-password') }],
      });
      gateway = started.gateway;
      base = started.url;
      await gateway.hub.publish('erqi', 'incident:open', incident);
    });
    afterAll(async () => {
      await gateway.close();
    });

    it('answers every route as the policy says for every caller', async () => {
      const table = probes(incident.id);
      const routes = gateway.routes.filter((r) => r.method !== 'HEAD');
      const patterns = new Set(routes.map((r) => `${r.method} ${r.url}`));
      const unprobed = routes.filter(
        (r) => !(`${r.method} ${r.url}` in table) && r.access !== 'public',
      );
      expect(unprobed, 'a route without a probe in this test').toEqual([]);
      // The gateway's table says what this test says, route by route.
      const classOf = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.access]));
      for (const [route, probe] of Object.entries(table))
        if (patterns.has(route)) expect(classOf.get(route), route).toBe(probe.access);
      const failures: string[] = [];
      let cells = 0;
      for (const [route, probe] of Object.entries(table)) {
        // Static routes that this gateway did not register (no archive configured) are skipped.
        if (!patterns.has(route)) continue;
        const { access } = probe;
        const method = route.split(' ')[0] ?? 'GET';
        for (const caller of CALLERS) {
          const secret = await credentialOf(caller);
          const res = await fetch(`${base}${probe.path}`, {
            method,
            headers: {
              ...(secret ? { authorization: `Bearer ${secret}` } : {}),
              ...(probe.type ? { 'content-type': probe.type } : {}),
            },
            ...(probe.body !== undefined ? { body: probe.body } : {}),
          });
          await res.arrayBuffer();
          cells++;
          const may = allowed(access, caller, readAccess);
          const denied = res.status === 401 || res.status === 403;
          const expected = may
            ? 'allowed'
            : caller === 'anonymous' || INVALID.has(caller)
              ? 401
              : 403;
          const ok = may ? !denied && res.status < 500 : res.status === expected;
          if (!ok) failures.push(`${route} as ${caller}: ${res.status}, expected ${expected}`);
        }
      }
      expect(failures).toEqual([]);
      // Every caller against every probed route.
      expect(cells).toBeGreaterThanOrEqual(30 * CALLERS.length);
    });

    it('lets only the roles of each command command it, and refuses bad credentials at the handshake', async () => {
      const payloads = commandPayloads(incident.id);
      expect(Object.keys(payloads).sort()).toEqual(Object.keys(COMMANDS).sort());
      const failures: string[] = [];
      let key = 0;
      for (const caller of CALLERS) {
        const secret = await credentialOf(caller);
        const socket: Socket = connect(base, {
          transports: ['websocket'],
          reconnection: false,
          ...(secret ? { auth: { token: secret } } : {}),
        });
        const connected = await new Promise<boolean>((resolve) => {
          socket.once('connect', () => resolve(true));
          socket.once('connect_error', () => resolve(false));
        });
        // Invalid tokens, and keys that are not for reading, never get a socket.
        const mayConnect = !INVALID.has(caller) && caller !== 'gps key' && caller !== 'metrics key';
        if (connected !== mayConnect) failures.push(`${caller}: connected=${String(connected)}`);
        if (connected) {
          for (const [name, payload] of Object.entries(payloads) as [CommandName, object][]) {
            const ack = (await socket.emitWithAck(name, {
              ...payload,
              idempotencyKey: `matrix-${++key}-${Date.now()}`,
            })) as Ack<unknown>;
            const role = ROLE[caller];
            const may =
              role !== undefined && (COMMANDS[name].roles as readonly Role[]).includes(role);
            const forbidden = !ack.ok && ack.error.startsWith('forbidden');
            if (may === forbidden)
              failures.push(`${name} as ${caller}: ${ack.ok ? 'ok' : ack.error}`);
          }
        }
        socket.close();
      }
      expect(failures).toEqual([]);
    });
  });
}
