import { describe, expect, it } from 'vitest';
import type { AuditEntry, Station } from '../../src/shared/protocol/index.ts';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { signedIn } from '../support/access.ts';
import { gatewaySuite } from '../support/gateway.ts';

const KEY = 'test-sensorthings-key-0123456789ab';
const GPS_KEY = 'test-gps-only-key-0123456789abcdef';
const suite = gatewaySuite(['erqi', 'kaifeng'], {
  apiKeys: [
    { name: 'hydro-relay', channels: ['observations'], events: [], scenario: 'erqi', key: KEY },
    { name: 'gps-box', channels: ['gps'], events: [], key: GPS_KEY },
  ],
});

const post = (path: string, body: unknown, key = KEY) =>
  fetch(`${suite.base}/api/ingest/sensorthings/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(body),
  });
const stations = (scenario: string) =>
  (
    suite.gateway.scenarios
      .get(scenario)
      ?.collections.get('stations') as EntityCollection<'stations'>
  ).entities;
const datastream = (id: string, s: Station, property: string, symbol: string, extra = {}) => ({
  '@iot.id': id,
  name: `${s.name} ${property}`,
  unitOfMeasurement: { symbol },
  ObservedProperty: { name: property },
  Thing: { name: s.name, properties: { stationCode: s.code } },
  ...extra,
});
const minutesAgo = (m: number) =>
  new Date(Math.floor(Date.now() / 300_000) * 300_000 - m * 60_000).toISOString();
const series = async (s: Station, hours = 2) =>
  (
    (await (
      await fetch(`${suite.base}/api/scenarios/erqi/stations/${s.id}/observations?hours=${hours}`)
    ).json()) as { observations: { element: string; value: number; periodMin?: number }[] }
  ).observations;

describe('SensorThings ingest', () => {
  it('maps Datastreams to stations and stores a batch of Observations once, with units converted', async () => {
    const gauge = stations('erqi').find((s) => s.kind === 'rain');
    const river = stations('erqi').find((s) => s.kind === 'river');
    if (!gauge || !river) throw new Error('sample lacks stations');
    const ds = await post('Datastreams', {
      value: [
        datastream('rain-1', gauge, 'precipitation', 'mm', { properties: { periodMin: 5 } }),
        datastream('level-1', river, 'water level', 'cm'),
      ],
    });
    expect(await ds.json()).toEqual({ accepted: 2, stored: 2, rejected: [] });
    const batch = [
      { Datastream: { '@iot.id': 'rain-1' }, phenomenonTime: minutesAgo(5), result: 2.5 },
      // An interval says the period itself.
      {
        Datastream: { '@iot.id': 'rain-1' },
        phenomenonTime: `${minutesAgo(60)}/${minutesAgo(0)}`,
        result: 12,
      },
      { Datastream: { '@iot.id': 'level-1' }, phenomenonTime: minutesAgo(0), result: 10_345 },
    ];
    const first = await post('Observations', batch);
    expect(await first.json()).toEqual({ accepted: 3, stored: 3, rejected: [] });
    // Sent again (a relay retrying): accepted, nothing new.
    expect(await (await post('Observations', { value: batch })).json()).toMatchObject({
      accepted: 3,
      stored: 0,
    });
    const rain = (await series(gauge)).filter((o) => o.element === 'rain');
    expect(rain.map((o) => [o.value, o.periodMin])).toEqual(
      expect.arrayContaining([
        [2.5, 5],
        [12, 60],
      ]),
    );
    expect((await series(river)).find((o) => o.element === 'level')?.value).toBeCloseTo(103.45, 6);
    const audit = await fetch(`${suite.base}/api/audit?command=ingest:sensorthings`, {
      headers: await signedIn('admin'),
    });
    const lines = ((await audit.json()) as { entries: AuditEntry[] }).entries;
    expect(
      lines.some((l) => l.subject === 'key:hydro-relay' && l.detail.startsWith('3 of 3')),
    ).toBe(true);
  });

  it('takes a Datastream inline (deep insert) and refuses each bad item with its index and reason', async () => {
    const sensor = stations('erqi').find((s) => s.kind === 'waterlogging');
    const gauge = stations('erqi').find((s) => s.kind === 'rain');
    const other = stations('kaifeng').find((s) => !stations('erqi').some((e) => e.code === s.code));
    if (!sensor || !gauge || !other) throw new Error('sample lacks stations');
    const res = await post('Observations', [
      {
        Datastream: datastream('depth-1', sensor, '积水深度', 'cm'),
        phenomenonTime: minutesAgo(0),
        result: 31,
      },
      { Datastream: { '@iot.id': 'no-such' }, phenomenonTime: minutesAgo(0), result: 1 },
      { Datastream: { '@iot.id': 'depth-1' }, phenomenonTime: 'yesterday', result: 1 },
      { Datastream: { '@iot.id': 'depth-1' }, phenomenonTime: minutesAgo(-120), result: 1 },
      { Datastream: { '@iot.id': 'depth-1' }, phenomenonTime: minutesAgo(0), result: 'high' },
      {
        Datastream: datastream('x', other, 'precipitation', 'mm'),
        phenomenonTime: minutesAgo(0),
        result: 1,
      },
      {
        Datastream: datastream('y', gauge, 'precipitation', 'inch'),
        phenomenonTime: minutesAgo(0),
        result: 1,
      },
      // Rain at an instant with no period on its Datastream: how much rain in how long?
      {
        Datastream: datastream('z', gauge, 'precipitation', 'mm'),
        phenomenonTime: minutesAgo(0),
        result: 1,
      },
    ]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: number;
      rejected: { index: number; error: string }[];
    };
    expect(body.accepted).toBe(1);
    const why = Object.fromEntries(body.rejected.map((r) => [r.index, r.error]));
    expect(why[1]).toContain('not registered');
    expect(why[2]).toContain('ISO 8601');
    expect(why[3]).toContain('future');
    expect(why[4]).toContain('result must be a number');
    expect(why[5]).toContain('not a station of this jurisdiction');
    expect(why[6]).toContain('use mm');
    expect(why[7]).toContain('needs its period');
    expect((await series(sensor)).find((o) => o.element === 'depth')?.value).toBeCloseTo(0.31, 6);
    // One refused entity on its own is a bad request, with the reason.
    const single = await post('Observations', {
      Datastream: { '@iot.id': 'no-such' },
      phenomenonTime: minutesAgo(0),
      result: 1,
    });
    expect(single.status).toBe(400);
  });

  it('keeps the key to its channel and its jurisdiction', async () => {
    expect((await post('Observations', [], GPS_KEY)).status).toBe(403);
    const res = await fetch(`${suite.base}/api/ingest/sensorthings/Observations?scenario=kaifeng`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: '[]',
    });
    expect(res.status).toBe(403);
    const anonymous = await fetch(`${suite.base}/api/ingest/sensorthings/Observations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(anonymous.status).toBe(401);
  });
});
