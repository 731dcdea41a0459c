import { afterAll, describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { encodeFrame } from '../../src/shared/hydro/sl651/frame.ts';
import type { AuditEntry, Firing, Station, Warning } from '../../src/shared/protocol/index.ts';
import { warningHazard } from '../../src/shared/transfer/hazard-scenarios.ts';
import { runPlanJob } from '../../src/shared/transfer/plan-job.ts';
import { fetchSignedIn, signedIn, TEST_SECRET } from '../support/access.ts';
import { roleClients } from '../support/role-client.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { hourlyReport, rtu, until } from '../support/rtu.ts';

// The chain flood HQ asked for, through a real gateway: an RTU's frame over TCP → the rules →
// a firing in the log → a warning over the villages it threatens → a plan for exactly those.
const suite = gatewaySuite(['erqi'], {
  sl651: { port: 0, host: '127.0.0.1', password: 0x1234, partialMs: 300 },
  tokenSecret: TEST_SECRET,
});
const { client, key, send, close } = roleClients(() => suite.base, TEST_SECRET);
afterAll(close);

interface Logged {
  seq: number;
  type: string;
  payload: unknown;
}
const events = async (): Promise<Logged[]> => {
  const res = await fetchSignedIn(`${suite.base}/api/scenarios/erqi/events?after=0&limit=5000`);
  return ((await res.json()) as { events: Logged[] }).events;
};
const items = async <T>(collection: string, query = ''): Promise<T[]> => {
  const res = await fetch(
    `${suite.base}/api/scenarios/erqi/collections/${collection}/items?limit=10000${query}`,
  );
  const fc = (await res.json()) as { features: { id: string; geometry: unknown; properties: T }[] };
  return fc.features.map((f) => ({ ...f.properties, id: f.id }));
};

describe('from a gauge to a transfer plan', () => {
  it('a storm hour at a gauge opens its villages’ 立即转移 firings, warns exactly those villages red, and a plan from the warning moves exactly them', async () => {
    const stations = await items<Station>('stations', '&kind=rain');
    const gauge = stations.find((s) => (s.watches?.length ?? 0) >= 2);
    if (!gauge?.watches) throw new Error('no rain gauge watching two villages in the sample');
    const watched = gauge.watches.map((w) => w.villageCode).sort();
    // 90 mm in the hour: over every village's 1 h 立即转移 threshold the sample draws (≤ 80 mm).
    expect(Math.max(...gauge.watches.map((w) => w.evacuate.h1 ?? 0))).toBeLessThan(90);
    const client = await rtu(suite.gateway.sl651Port());
    client.send(encodeFrame(hourlyReport(gauge.code, 1, { amounts: Array(12).fill(75) })));
    await until(() => client.answers().length === 1, 'the answer');
    await suite.gateway.desk.settle();

    const log = await events();
    const opened = log.filter((e) => e.type === 'firing:open').map((e) => e.payload as Firing);
    const evacuate = opened.filter((f) => f.rule === 'village-evacuate');
    expect(evacuate.map((f) => f.villageCode).sort()).toEqual(watched);
    for (const f of evacuate) {
      expect(f).toMatchObject({ station: gauge.id, level: 'red', unit: 'mm', status: 'open' });
      expect(f.villages).toEqual([f.villageCode]);
      // Opened by the 5-minute amount that crossed: at or over the threshold, short of the hour's.
      expect(f.value).toBeGreaterThanOrEqual(f.threshold);
      expect(f.value - f.threshold).toBeLessThan(7.5);
      expect(f.trend).toBe(f.value);
    }
    // The rainstorm signal and 短时强降水 alarm, but issue no warning of their own.
    expect(opened.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['rain-short', 'rain-orange']),
    );

    // One warning for the station, upgraded as its villages' firings came in: red, those villages.
    const warnings = await items<Warning>('warnings');
    const fromRules = warnings.filter((w) => w.sender === 'onemap-rules');
    expect(fromRules).toHaveLength(1);
    const warning = fromRules[0];
    if (!warning) return;
    expect(warning.level).toBe('red');
    expect(warning.areas.flatMap((a) => a.geocodes).sort()).toEqual(watched);
    expect(evacuate.every((f) => f.warning?.startsWith('onemap-hydro-'))).toBe(true);
    const issued = log.filter((e) => e.type === 'warning:issue' || e.type === 'warning:update');
    expect(issued.length).toBeGreaterThanOrEqual(1);
    // Firings come after the warning they name, in the same log a replay reads.
    const firstFiring = log.find((e) => e.type === 'firing:open')?.seq ?? 0;
    expect(firstFiring).toBeGreaterThan(0);

    // The planner's draft from that warning: exactly the watched villages, all placed.
    const data = suite.gateway.scenarios.get('erqi');
    const get = <C extends 'villages' | 'shelters' | 'roads' | 'teams'>(c: C) =>
      (data?.collections.get(c) as EntityCollection<C>).entities;
    const plan = runPlanJob({
      hazard: warningHazard(warning),
      villages: get('villages'),
      shelters: get('shelters'),
      roads: get('roads'),
      teams: get('teams'),
    });
    expect(plan.villages.map((v) => v.code).sort()).toEqual(watched);
    expect(new Set(plan.plan.assignments.map((a) => a.village))).toEqual(new Set(watched));

    // Each firing and the warning are audited under the rules.
    const audit = await fetch(`${suite.base}/api/audit?command=firing:open`, {
      headers: await signedIn('admin'),
    });
    const lines = ((await audit.json()) as { entries: AuditEntry[] }).entries;
    expect(lines.length).toBe(opened.length);
    expect(lines.every((l) => l.role === 'rules' && l.subject.startsWith('rules:'))).toBe(true);

    // The station's chart answer carries the firing marks; the readings carry its 1 h rain.
    const chart = (await (
      await fetch(`${suite.base}/api/scenarios/erqi/stations/${gauge.id}/observations?hours=3`)
    ).json()) as { firings: { rule: string }[] };
    expect(chart.firings.map((f) => f.rule)).toEqual(expect.arrayContaining(['village-evacuate']));
    const readings = (await (
      await fetch(`${suite.base}/api/scenarios/erqi/stations/readings`)
    ).json()) as { readings: { station: string; rain1h?: number }[] };
    expect(readings.readings.find((r) => r.station === gauge.id)?.rain1h).toBe(90);
    client.socket.destroy();
  });

  it('a river over its 警戒水位 is acknowledged by a duty officer once, and clears only when the water falls past the hysteresis mark', async () => {
    const river = (await items<Station>('stations', '&kind=river'))[0];
    const warningM = river?.levels?.warning;
    if (!river || warningM === undefined) throw new Error('no river station in the sample');
    const mm = (m: number) => Math.round(m * 1000);
    const client_ = await rtu(suite.gateway.sl651Port());
    const report = (serial: number, level: number, minutesAgo: number) =>
      client_.send(
        encodeFrame(
          hourlyReport(river.code, serial, {
            amounts: Array(12).fill(0),
            levelMm: mm(level),
            end: minutesAgo,
          }),
        ),
      );
    report(1, warningM + 0.2, 30);
    await until(() => client_.answers().length === 1, 'the answer');
    await suite.gateway.desk.settle();
    const open = async () =>
      (await items<Firing>('firings', `&station=${river.id}`)).filter(
        (f) => f.rule === 'level-warning',
      );
    const [firing] = await open();
    if (!firing) throw new Error('no 超警戒 firing');
    expect(firing).toMatchObject({ level: 'orange', threshold: warningM });
    expect(firing.value).toBeCloseTo(warningM + 0.2, 3);
    expect(firing.villages.length).toBeGreaterThan(0);

    const viewer = await client('viewer');
    const refused = await send(viewer, 'firing:acknowledge', {
      scenario: 'erqi',
      id: firing.id,
      idempotencyKey: key(),
    });
    expect(refused.ok).toBe(false);
    const officer = await client('duty_officer');
    const ack = { scenario: 'erqi', id: firing.id };
    expect((await send(officer, 'firing:acknowledge', { ...ack, idempotencyKey: key() })).ok).toBe(
      true,
    );
    const again = await send(officer, 'firing:acknowledge', { ...ack, idempotencyKey: key() });
    expect(again).toMatchObject({ ok: false });
    expect((await open())[0]?.acknowledgedAt).toBeDefined();

    // Just under the level: still open (no flapping); well under: cleared, in the log.
    report(2, warningM - 0.02, 15);
    report(3, warningM - 0.3, 0);
    await until(() => client_.answers().length === 3, 'the answers');
    await suite.gateway.desk.settle();
    const log = await events();
    const cleared = log.filter(
      (e) => e.type === 'firing:clear' && (e.payload as Firing).id === firing.id,
    );
    expect(cleared).toHaveLength(1);
    expect(cleared[0]?.payload).toMatchObject({ status: 'cleared' });
    expect((cleared[0]?.payload as Firing).value).toBeCloseTo(warningM - 0.3, 3);
    expect(await open()).toEqual([]);
    client_.socket.destroy();
  });
});

describe('the rules of a jurisdiction', () => {
  it('are the defaults until an admin replaces them; a bad set is refused with the rule and field; the engine follows at once', async () => {
    const before = (await (await fetch(`${suite.base}/api/scenarios/erqi/rules`)).json()) as {
      source: string;
      rules: { id: string }[];
    };
    expect(before.source).toBe('default');
    expect(before.rules.map((r) => r.id)).toContain('rain-short');
    const put = async (body: unknown, role: 'admin' | 'duty_officer' = 'admin') =>
      fetch(`${suite.base}/api/scenarios/erqi/rules`, {
        method: 'PUT',
        headers: { ...(await signedIn(role)), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const tight = {
      id: 'rain-10',
      name: '1小时10毫米',
      level: 'yellow',
      kind: 'rain',
      windowH: 1,
      mm: 10,
    };
    expect((await put({ rules: [tight] }, 'duty_officer')).status).toBe(403);
    const refused = async (rules: unknown[]) => {
      const res = await put({ rules });
      expect(res.status).toBe(400);
      return ((await res.json()) as { description: string }).description;
    };
    const badWindow = await refused([tight, { ...tight, id: 'rain-2h', windowH: 2 }]);
    expect(badWindow).toContain('a rain window is 1, 3, 6, 12 or 24 hours');
    expect(badWindow).toContain('rules[1].windowH');
    expect(await refused([tight, tight])).toContain('rule id rain-10 is used twice');
    const ok = await put({ rules: [tight] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ source: 'edited', rules: [tight] });

    // 12 mm in an hour at a quiet gauge: only the new rule can fire.
    const gauge = (await items<Station>('stations', '&kind=rain')).at(-1);
    if (!gauge) throw new Error('no gauge');
    const link = await rtu(suite.gateway.sl651Port());
    link.send(encodeFrame(hourlyReport(gauge.code, 9, { amounts: Array(12).fill(10) })));
    await until(() => link.answers().length === 1, 'the answer');
    await suite.gateway.desk.settle();
    const opened = (await items<Firing>('firings', `&station=${gauge.id}`)).map((f) => f.rule);
    expect(opened).toEqual(['rain-10']);
    link.socket.destroy();
    const audit = await fetch(`${suite.base}/api/audit?command=rules:update`, {
      headers: await signedIn('admin'),
    });
    const lines = ((await audit.json()) as { entries: AuditEntry[] }).entries;
    // The duty officer's attempt, the two bad sets, the good one.
    expect(lines.map((l) => l.outcome).sort()).toEqual(['done', 'refused', 'refused', 'refused']);
  });
});
