import { describe, expect, it } from 'vitest';
import { INGESTIBLE_EVENTS } from '../../src/server/ingest/event-rules.ts';
import { capAlert, capAlertNow } from '../../src/server/ingest/cap-sample.ts';
import type { AuditEntry } from '../../src/shared/protocol/index.ts';
import { signedIn } from '../support/access.ts';
import { Rng } from '../../src/shared/random.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';

const KEY = 'test-ingest-key-0123456789abcdef';
const METRICS = 'test-metrics-key-0123456789abcdef';
const suite = gatewaySuite(['erqi'], {
  apiKeys: [
    { name: 'relay', channels: ['events', 'cap', 'gps'], events: [...INGESTIBLE_EVENTS], key: KEY },
    { name: 'prometheus', channels: ['metrics'], events: [], key: METRICS },
  ],
});

const auth = { 'x-api-key': KEY };
const post = (path: string, body: string, type: string, headers: Record<string, string> = auth) =>
  fetch(`${suite.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
  });

describe('ingest', () => {
  it('refuses callers without the key', async () => {
    const res = await post('/api/ingest/events', '{}', 'application/json', {});
    expect(res.status).toBe(401);
    expect(((await res.json()) as { description: string }).description).toContain('API key');
  });

  it('accepts a batch of protocol events and reports each refused one with its index', async () => {
    const good = sampleIncident();
    const res = await post(
      '/api/ingest/events',
      JSON.stringify({
        scenario: 'erqi',
        events: [
          { type: 'incident:open', payload: good },
          { type: 'incident:open', payload: { ...good, severity: 'V' } },
        ],
      }),
      'application/json',
    );
    const body = (await res.json()) as {
      accepted: number;
      rejected: { index: number; error: string }[];
    };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      {
        index: 1,
        error: expect.stringContaining('level must be one of I, II, III, IV') as unknown,
      },
    ]);
    expect(suite.gateway.hub.live.get('erqi')?.incidents.has(good.id)).toBe(true);
  });

  it('turns a CAP 1.2 alert into a warning every console sees', async () => {
    const res = await post('/api/ingest/cap?scenario=erqi', capAlertNow(), 'application/cap+xml');
    expect(res.status).toBe(200);
    const items = (await (
      await fetch(`${suite.base}/api/scenarios/erqi/collections/warnings/items`)
    ).json()) as { features: { id: string; properties: { level: string } }[] };
    expect(items.features.find((f) => f.id === 'ZZQX-2021-0720-RED')?.properties.level).toBe('red');
    const bad = await post(
      '/api/ingest/cap?scenario=erqi',
      capAlertNow().replace('<scope>Public</scope>', ''),
      'application/cap+xml',
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { description: string }).description).toContain('scope');
  });

  it('moves a team from an OsmAnd/Traccar GPS report (query or form) and refuses bad ones', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ok = await fetch(
      `${suite.base}/api/ingest/gps?id=TM0001&lat=34.75&lon=113.66&timestamp=${now}&speed=10&bearing=90`,
      { headers: auth },
    );
    expect(ok.status).toBe(200);
    const team = suite.gateway.hub.live.get('erqi')?.teams.get('TM0001');
    expect(team?.position).toEqual([113.66, 34.75]);
    const form = await post(
      '/api/ingest/gps',
      `id=TM0002&lat=34.7&lon=113.6&timestamp=${now}`,
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(200);
    for (const [query, reason] of [
      ['id=TM0001&lat=95&lon=113.6', 'lat must be between -90 and 90'],
      ['id=NOPE&lat=34.7&lon=113.6', 'no team with id NOPE'],
      [`id=TM0001&lat=34.7&lon=113.6&timestamp=${now - 3 * 86_400}`, 'a day behind'],
      ['id=TM0001&lat=34.7&lon=113.6&timestamp=yesterday', 'neither Unix time nor ISO 8601'],
    ] as const) {
      const res = await fetch(`${suite.base}/api/ingest/gps?${query}`, { headers: auth });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { description: string }).description).toContain(reason);
    }
  });

  it('survives 10,000 random and mutated events, CAP documents and GPS reports, refusing each bad one with a reason', async () => {
    const rng = new Rng('fuzz');
    const before = suite.gateway.rejections.total();
    const seqBefore = suite.gateway.hub.latestSeq();
    const mutate = (value: unknown, depth = 0): unknown => {
      if (depth > 3 || rng.chance(0.3)) {
        const junk: unknown[] = [
          null,
          -1,
          1e308,
          '',
          'x'.repeat(300),
          [],
          {},
          true,
          '2021-13-45',
          [200, 100],
          'V',
          NaN,
        ];
        return rng.pick(junk);
      }
      if (Array.isArray(value))
        return (value as unknown[]).map((v) => (rng.chance(0.2) ? mutate(v, depth + 1) : v));
      if (value && typeof value === 'object') {
        const entries = Object.entries(value).filter(() => !rng.chance(0.05));
        return Object.fromEntries(
          entries.map(([k, v]) => [k, rng.chance(0.15) ? mutate(v, depth + 1) : v]),
        );
      }
      return value;
    };
    const types = [
      'incident:open',
      'incident:update',
      'team:move',
      'team:status',
      'warning:issue',
      'shelter:update',
      'nope:nope',
      'incident',
      '',
    ];
    let accepted = 0;
    let refused = 0;
    const n = 10_000;
    for (let i = 0; i < n; i += 500) {
      const events = Array.from({ length: 500 }, () => ({
        type: rng.pick(types),
        payload: mutate(sampleIncident()),
      }));
      const body = (await (
        await post(
          '/api/ingest/events',
          JSON.stringify({ scenario: 'erqi', events }),
          'application/json',
        )
      ).json()) as { accepted: number; rejected: { error: string }[] };
      accepted += body.accepted;
      refused += body.rejected.length;
      expect(body.rejected.every((r) => r.error.length > 0)).toBe(true);
    }
    for (let i = 0; i < 200; i++) {
      const chars = capAlertNow().split('');
      for (let k = 0; k < 5; k++)
        chars[rng.int(0, chars.length - 1)] = rng.pick(['<', '>', '"', '&', 'x', '', '9']);
      const res = await post(
        '/api/ingest/cap?scenario=erqi',
        chars.join(''),
        'application/cap+xml',
      );
      expect([200, 400]).toContain(res.status);
    }
    for (let i = 0; i < 200; i++) {
      const q = `id=${rng.pick(['TM0001', 'X', ''])}&lat=${rng.pick(['34.7', '-200', 'abc', ''])}&lon=${rng.pick(['113.6', '999', ''])}&speed=${rng.pick(['5', '-3', '1e9'])}`;
      const res = await fetch(`${suite.base}/api/ingest/gps?${q}`, { headers: auth });
      expect([200, 400]).toContain(res.status);
    }
    expect(accepted + refused).toBe(n);
    // Mutations sometimes leave an event valid; most are not.
    expect(refused).toBeGreaterThan(n * 0.8);
    // Every accepted event is in the log, every refused one counted, and the gateway still answers.
    expect(suite.gateway.hub.latestSeq() - seqBefore).toBeGreaterThanOrEqual(accepted);
    expect(suite.gateway.rejections.total() - before).toBeGreaterThanOrEqual(refused);
    expect((await fetch(`${suite.base}/api/health`)).status).toBe(200);
  });

  it('exposes events in/out, refusals by reason, clients and lag in Prometheus format', async () => {
    const res = await fetch(`${suite.base}/metrics`, { headers: { 'x-api-key': METRICS } });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^onemap_events_in_total\{type="incident:open"\} \d+/m);
    expect(text).toMatch(
      /^onemap_rejected_total\{channel="ingest-gps",reason="unknown team"\} [1-9]/m,
    );
    expect(text).toMatch(/^onemap_ingest_lag_seconds_count [1-9]/m);
    expect(text).toMatch(/^onemap_clients \d+/m);
    expect(text).toMatch(/^onemap_event_seq [1-9]/m);
  });
});

describe('scoped keys', () => {
  const keyed = gatewaySuite(['erqi', 'kaifeng'], {
    apiKeys: [
      {
        name: '110-queue',
        channels: ['events'],
        events: ['incident:open', 'incident:update'],
        key: 'key-110-queue-0123456789abcdef',
      },
      {
        name: 'erqi-gps',
        channels: ['gps'],
        events: [],
        scenario: 'erqi',
        key: 'key-erqi-gps-0123456789abcdef0',
      },
      { name: 'any-gps', channels: ['gps'], events: [], key: 'key-any-gps-0123456789abcdef01' },
      {
        name: 'provincial-cap',
        channels: ['cap'],
        events: [],
        scenario: 'erqi',
        key: 'key-provincial-cap-0123456789a',
      },
    ],
  });
  const call = (key: string, path: string, body?: string, type = 'application/json') =>
    fetch(`${keyed.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body }),
    });
  const audit = async (command: string) => {
    const res = await fetch(`${keyed.base}/api/audit?command=${command}`, {
      headers: await signedIn('admin'),
    });
    return ((await res.json()) as { entries: AuditEntry[] }).entries;
  };

  it('publishes only the event types the key lists, follows the incident lifecycle, and audits each call under the key’s name', async () => {
    const key = 'key-110-queue-0123456789abcdef';
    const incident = sampleIncident();
    const batch = (events: unknown[]) =>
      call(key, '/api/ingest/events', JSON.stringify({ scenario: 'erqi', events }));
    const first = (await (
      await batch([
        { type: 'incident:open', payload: incident },
        { type: 'team:status', payload: { id: 'TM0001', status: 'off_duty' } },
        { type: 'plan:publish', payload: {} },
        { type: 'incident:open', payload: incident },
      ])
    ).json()) as { accepted: number; rejected: { index: number; error: string }[] };
    expect(first.accepted).toBe(1);
    expect(first.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(first.rejected[0]?.error).toContain('may not publish team:status');
    expect(first.rejected[1]?.error).toContain('may not publish plan:publish');
    expect(first.rejected[2]?.error).toContain('already open');
    // Along the lifecycle only: reported → on_scene is not a step; an unknown incident is not updated.
    const second = (await (
      await batch([
        { type: 'incident:update', payload: { ...incident, status: 'on_scene' } },
        { type: 'incident:update', payload: { ...incident, status: 'confirmed' } },
        { type: 'incident:update', payload: { ...incident, id: 'NOPE', status: 'confirmed' } },
      ])
    ).json()) as { accepted: number; rejected: { index: number; error: string }[] };
    expect(second.accepted).toBe(1);
    expect(second.rejected[0]?.error).toContain('it can go to confirmed or closed, not on_scene');
    expect(second.rejected[1]?.error).toContain('open it with incident:open first');
    // A GPS key cannot publish events at all; the events key cannot post GPS.
    expect((await call('key-erqi-gps-0123456789abcdef0', '/api/ingest/events', '{}')).status).toBe(
      403,
    );
    expect((await call(key, '/api/ingest/gps?id=TM0001&lat=34.7&lon=113.6')).status).toBe(403);
    const lines = await audit('ingest:events');
    const mine = lines.filter((l) => l.subject === 'key:110-queue');
    expect(mine.map((l) => [l.role, l.outcome])).toEqual([
      ['api_key', 'done'],
      ['api_key', 'done'],
    ]);
    expect(mine[1]?.detail).toContain('accepted 1 of 4');
    // The GPS key's attempt is audited under its own name, refused.
    expect(lines.find((l) => l.subject === 'key:erqi-gps')).toMatchObject({ outcome: 'refused' });
  });

  it('maps a device to one team in one jurisdiction, and keeps an older fix as history without moving the team', async () => {
    const now = Date.now();
    const fix = (key: string, query: string) =>
      call(key, `/api/ingest/gps?${query}`).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { moved?: boolean; description?: string },
      }));
    // TM0001 is a team in both Erqi and Kaifeng: a key bound to neither must say which.
    const ambiguous = await fix(
      'key-any-gps-0123456789abcdef01',
      `id=TM0001&lat=34.75&lon=113.66&timestamp=${now}`,
    );
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.description).toContain('exists in erqi and kaifeng');
    const named = await fix(
      'key-any-gps-0123456789abcdef01',
      `id=TM0001&lat=34.76&lon=114.3&scenario=kaifeng&timestamp=${now}`,
    );
    expect(named.status).toBe(200);
    expect(keyed.gateway.hub.live.get('kaifeng')?.teams.get('TM0001')?.position).toEqual([
      114.3, 34.76,
    ]);
    // The Erqi-bound key feeds Erqi only.
    const elsewhere = await fix(
      'key-erqi-gps-0123456789abcdef0',
      `id=TM0001&lat=34.7&lon=113.6&scenario=kaifeng`,
    );
    expect(elsewhere.status).toBe(403);
    const fresh = await fix(
      'key-erqi-gps-0123456789abcdef0',
      `id=TM0001&lat=34.75&lon=113.66&timestamp=${now}`,
    );
    expect(fresh).toMatchObject({ status: 200, body: { moved: true } });
    const seq = keyed.gateway.hub.latestSeq();
    const late = await fix(
      'key-erqi-gps-0123456789abcdef0',
      `id=TM0001&lat=34.70&lon=113.60&timestamp=${now - 60_000}`,
    );
    expect(late).toMatchObject({ status: 200, body: { moved: false } });
    const team = keyed.gateway.hub.live.get('erqi')?.teams.get('TM0001');
    expect(team?.position).toEqual([113.66, 34.75]);
    expect(team?.positionAt).toBe(new Date(now).toISOString());
    // The late fix is in the log (history), after the fresh one.
    const log = (await (
      await fetch(`${keyed.base}/api/scenarios/erqi/events?after=${seq - 1}`, {
        headers: await signedIn(),
      })
    ).json()) as { events: { type: string; payload: { position: number[] } }[] };
    expect(log.events.at(-1)).toMatchObject({
      type: 'team:move',
      payload: { position: [113.6, 34.7] },
    });
  });

  it('applies CAP rules: no DOCTYPE, status, expiry, sender of updates, bounded shapes; a warning leaves at its expires', async () => {
    const key = 'key-provincial-cap-0123456789a';
    const post = async (xml: string) => {
      const r = await call(key, '/api/ingest/cap', xml, 'application/cap+xml');
      return {
        status: r.status,
        body: (await r.json()) as { description?: string; ignored?: string; accepted?: number },
      };
    };
    const doctype = await post(capAlertNow({ prolog: '<!DOCTYPE alert [<!ENTITY x "boom">]>' }));
    expect(doctype).toMatchObject({
      status: 400,
      body: { description: 'a DOCTYPE is not allowed in CAP' },
    });
    const test = await post(capAlertNow({ identifier: 'T-1', status: 'Test' }));
    expect(test).toMatchObject({ status: 200, body: { accepted: 0 } });
    expect(test.body.ignored).toContain('status Test');
    const live = () => keyed.gateway.hub.live.get('erqi')?.warnings;
    expect(live()?.has('T-1')).toBe(false);
    expect((await post(capAlert({ identifier: 'OLD' }))).body.description).toContain('expired');
    const big = Array.from({ length: 2_100 }, (_, i) => `34.${i % 90},113.${i % 90}`).join(' ');
    expect(
      (await post(capAlertNow({ identifier: 'BIG', polygon: big }))).body.description,
    ).toContain('at most 2000 per polygon');
    // A real alert, then an update and a cancel from someone else: refused.
    expect((await post(capAlertNow({ identifier: 'R-1', status: 'Actual' }))).status).toBe(200);
    expect(live()?.get('R-1')?.status).toBe('Actual');
    const foreignRef = 'someone@else.example,R-1,2026-12-01T00:00:00Z';
    for (const msgType of ['Update', 'Cancel'] as const) {
      const r = await post(
        capAlertNow({
          identifier: `F-${msgType}`,
          sender: 'someone@else.example',
          msgType,
          references: foreignRef,
        }),
      );
      expect(r.status, msgType).toBe(400);
      expect(r.body.description).toContain('only its sender may update or cancel it');
    }
    expect(live()?.has('R-1')).toBe(true);
    // An exercise alert that expires in two seconds shows as exercise, then leaves by itself.
    const drill = capAlertNow({ identifier: 'D-1', status: 'Exercise' }, 2 / 3600);
    expect((await post(drill)).status).toBe(200);
    expect(live()?.get('D-1')?.status).toBe('Exercise');
    await expect.poll(() => live()?.has('D-1'), { timeout: 15_000, interval: 250 }).toBe(false);
    const lines = await audit('ingest:cap');
    expect(lines.every((l) => l.subject === 'key:provincial-cap')).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(7);
  });
});
