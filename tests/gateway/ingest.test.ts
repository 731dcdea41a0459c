import { describe, expect, it } from 'vitest';
import { INGESTIBLE_EVENTS } from '../../src/server/ingest/event-rules.ts';
import { capAlertNow } from '../../src/server/ingest/cap-sample.ts';
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
