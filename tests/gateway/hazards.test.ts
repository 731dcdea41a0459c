import { afterAll, describe, expect, it } from 'vitest';
import type { HazardStats, HiddenHazard } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const suite = gatewaySuite(['erqi'], { tokenSecret: SECRET });
const { client, key, send, close } = roleClients(() => suite.base, SECRET);
afterAll(close);

async function stats(): Promise<HazardStats> {
  const res = await fetch(`${suite.base}/api/scenarios/erqi/stats/hazards`);
  expect(res.status).toBe(200);
  return (await res.json()) as HazardStats;
}

function total(s: HazardStats) {
  const t = { investigated: 0, rectified: 0, open: 0, overdue: 0, reports: 0, settled: 0 };
  for (const x of Object.values(s.byTownship))
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += x[k];
  return t;
}

function openHazards(): HiddenHazard[] {
  return [...(suite.gateway.hub.live.get('erqi')?.hazards.values() ?? [])];
}

describe('hidden hazards', () => {
  it('starts the KPIs at the history (erqi: 21,000 investigated, 20,566 rectified)', async () => {
    const t = total(await stats());
    expect(t.investigated).toBe(21_000);
    expect(t.rectified).toBe(20_566);
    expect(t.open).toBe(21_000 - 20_566);
    // Open items of a year's history: some are past their 30-day deadline.
    expect(t.overdue).toBeGreaterThan(0);
    expect(t.overdue).toBeLessThanOrEqual(t.open);
    expect(t.reports).toBe(48_600);
    // The open ones are live: the collection serves them with the seq they reflect.
    const res = await fetch(`${suite.base}/api/scenarios/erqi/collections/open-hazards/items`);
    const body = (await res.json()) as { numberMatched: number };
    expect(body.numberMatched).toBe(21_000 - 20_566);
  });

  it('walks one through its lifecycle by command; the KPIs follow', async () => {
    const officer = await client('duty_officer');
    const h = openHazards().find((x) => x.status === 'reported');
    expect(h).toBeDefined();
    if (!h) return;
    const before = total(await stats());
    const go = (to: string, extra: object = {}) =>
      send(officer, 'hazard:transition', {
        scenario: 'erqi',
        id: h.id,
        to,
        idempotencyKey: key(),
        ...extra,
      });
    // Not allowed to skip verification; assigning needs a deadline.
    expect(await go('rectified')).toEqual({
      ok: false,
      error: `hidden hazard ${h.id} is reported: it can go to verified or closed, not rectified`,
    });
    expect((await go('verified')).ok).toBe(true);
    const noDeadline = await go('rectification_assigned');
    expect(noDeadline.ok).toBe(false);
    expect(!noDeadline.ok && noDeadline.error).toContain('needs a deadline');
    expect((await go('rectification_assigned', { deadline: '2099-01-31' })).ok).toBe(true);
    const live = suite.gateway.hub.live.get('erqi')?.hazards.get(h.id);
    expect(live).toMatchObject({ status: 'rectification_assigned', deadline: '2099-01-31' });
    expect(total(await stats()).overdue).toBe(before.overdue - (h.deadline < today() ? 1 : 0));
    expect((await go('rectified')).ok).toBe(true);
    const mid = total(await stats());
    expect(mid.rectified).toBe(before.rectified + 1);
    expect(mid.open).toBe(before.open - 1);
    expect((await go('closed')).ok).toBe(true);
    // Closed ones leave the live collection; they still count as rectified.
    expect(suite.gateway.hub.live.get('erqi')?.hazards.has(h.id)).toBe(false);
    const after = total(await stats());
    expect(after).toMatchObject({
      investigated: before.investigated,
      rectified: before.rectified + 1,
      open: before.open - 1,
    });
  });

  it('needs a reason to close a report as false, and then it is no hazard', async () => {
    const officer = await client('duty_officer');
    const h = openHazards().find((x) => x.status === 'reported');
    if (!h) throw new Error('no reported hazard left in the sample');
    const before = total(await stats());
    const r = await send(officer, 'hazard:transition', {
      scenario: 'erqi',
      id: h.id,
      to: 'closed',
      idempotencyKey: key(),
    });
    expect(r).toEqual({ ok: false, error: 'closing a report as false needs a reason' });
    const ok = await send(officer, 'hazard:transition', {
      scenario: 'erqi',
      id: h.id,
      to: 'closed',
      reason: '现场核实无隐患',
      idempotencyKey: key(),
    });
    expect(ok.ok).toBe(true);
    const after = total(await stats());
    expect(after.investigated).toBe(before.investigated - 1);
    expect(after.rectified).toBe(before.rectified);
    expect(after.open).toBe(before.open - 1);
  });

  it("refuses a viewer's attempt", async () => {
    const h = openHazards()[0];
    const r = await send(await client(), 'hazard:transition', {
      scenario: 'erqi',
      id: h?.id ?? 'x',
      to: 'verified',
      idempotencyKey: key(),
    });
    expect(r).toEqual({
      ok: false,
      error: 'forbidden: a viewer may not hazard:transition (needs duty_officer or admin)',
    });
  });
});

describe('incident created from a phone call', () => {
  it('places it in its township and village from the position', async () => {
    const officer = await client('duty_officer');
    const townships = (await (
      await fetch(`${suite.base}/api/scenarios/erqi/collections/townships/items?limit=1`)
    ).json()) as { features: { properties: { code: string; seat: [number, number] } }[] };
    const t = townships.features[0]?.properties;
    if (!t) throw new Error('no township');
    const r = await send(officer, 'incident:create', {
      scenario: 'erqi',
      type: 'waterlogging',
      severity: 'III',
      title: '群众来电：小区门口积水',
      position: t.seat,
      address: '乡镇政府附近',
      idempotencyKey: key(),
    });
    expect(r.ok).toBe(true);
    const id = r.ok ? r.data.id : undefined;
    expect(id).toMatch(/^CALL-/);
    const incident = suite.gateway.hub.live.get('erqi')?.incidents.get(id ?? '');
    expect(incident).toMatchObject({
      status: 'confirmed',
      source: 'phone',
      townshipCode: t.code,
      countyCode: t.code.slice(0, 6),
      exercise: false,
    });
    expect(incident?.villageCode?.startsWith(t.code)).toBe(true);
  });

  it('refuses a position outside the region, with the reason', async () => {
    const officer = await client('duty_officer');
    const r = await send(officer, 'incident:create', {
      scenario: 'erqi',
      type: 'fire',
      severity: 'II',
      title: '来电',
      position: [100, 30],
      idempotencyKey: key(),
    });
    expect(r).toEqual({
      ok: false,
      error: "position 100, 30 lies outside the scenario's townships",
    });
  });
});

function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
