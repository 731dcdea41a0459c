import { describe, expect, it } from 'vitest';
import type {
  EventEnvelope as StoredEvent,
  Incident,
  TransferPlan,
  TransferProgress,
} from '../../src/shared/protocol/index.ts';
import type { Gateway } from '../../src/server/app.ts';
import { gatewaySuite, startGateway } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { fetchSignedIn } from '../support/access.ts';

const suite = gatewaySuite(['erqi']);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getFrom<T>(base: string, path: string): Promise<{ status: number; body: T }> {
  const res = await fetchSignedIn(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}
const get = <T>(path: string) => getFrom<T>(suite.base, path);

/**
 * Publishes five incident events and checks the replay between each pair against an
 * independent fold of what was published; before the first, neither incident.
 */
async function replaysAsFolded(gateway: Gateway, base: string, prefix: string): Promise<void> {
  const hub = gateway.hub;
  const a = sampleIncident({ id: `${prefix}-A` });
  const b = sampleIncident({ id: `${prefix}-B` });
  const steps: [string, Incident][] = [
    ['incident:open', a],
    ['incident:open', b],
    ['incident:update', { ...a, status: 'confirmed' }],
    ['incident:update', { ...b, status: 'closed' }],
    ['incident:update', { ...a, status: 'dispatched' }],
  ];
  const times: number[] = [];
  for (const [type, payload] of steps) {
    const r = await hub.publish('erqi', type, payload);
    if (!r.ok) throw new Error(r.error);
    times.push(Date.parse(r.event.time));
    await pause(30);
  }
  // What each moment should show, folded independently from the events as published.
  const expected = (until: number) => {
    const m = new Map<string, string>();
    steps.forEach(([, p], i) => {
      if ((times[i] ?? Infinity) <= until) m.set(p.id, p.status);
    });
    return Object.fromEntries([...m].sort());
  };
  for (let i = 0; i < steps.length; i++) {
    const at = (times[i] ?? 0) + 10; // between this event and the next
    const { status, body } = await getFrom<{
      seq: number;
      collections: { incidents: Incident[] };
    }>(base, `/api/scenarios/erqi/replay?at=${new Date(at).toISOString()}`);
    expect(status).toBe(200);
    const shown: Record<string, string> = Object.fromEntries(
      body.collections.incidents
        .filter((x) => x.id.startsWith(prefix))
        .map((x): [string, string] => [x.id, x.status])
        .sort(),
    );
    expect(shown).toEqual(expected(at));
  }
  // Before anything happened: neither incident.
  const before = await getFrom<{ collections: { incidents: Incident[] } }>(
    base,
    `/api/scenarios/erqi/replay?at=${new Date((times[0] ?? 0) - 1000).toISOString()}`,
  );
  expect(before.body.collections.incidents.some((x) => x.id.startsWith(prefix))).toBe(false);
}

describe('replay', () => {
  it('rebuilds the live collections as they stood at a past moment, as a fold of the log says', async () => {
    await replaysAsFolded(suite.gateway, suite.base, 'INC-REPLAY');
  });

  it('gives the same past from checkpoints (one every 2 events) as from the log’s start', async () => {
    const { gateway, url } = await startGateway(['erqi'], false, { checkpointEvery: 2 });
    try {
      await replaysAsFolded(gateway, url, 'INC-CKPT');
    } finally {
      await gateway.close();
    }
  });

  it('shows the transfer plan in force at a past moment, and how far each village had got', async () => {
    const hub = suite.gateway.hub;
    const SHELTER = [...(hub.live.get('erqi')?.shelters.keys() ?? [])][0] ?? 'none';
    const plan = (version: number): TransferPlan => ({
      id: `PLAN-REPLAY-${version}`,
      version,
      scenario: 'erqi',
      hazardId: 'test-hazard',
      hazardName: `测试洪水 ${version}`,
      assignments: [
        { village: '410103001001', shelter: SHELTER, people: 100, vulnerable: 0, seconds: 600 },
      ],
      unplaced: [],
      publishedAt: new Date().toISOString(),
      publishedBy: 'planner',
    });
    const progress = (planId: string, moved: number): TransferProgress => ({
      planId,
      village: '410103001001',
      status: moved === 100 ? 'sheltered' : 'moving',
      moved,
      at: new Date().toISOString(),
    });
    const times: number[] = [];
    for (const [type, payload] of [
      ['plan:publish', plan(1)],
      ['plan:progress', progress('PLAN-REPLAY-1', 40)],
      ['plan:publish', plan(2)],
      ['plan:progress', progress('PLAN-REPLAY-2', 100)],
    ] as const) {
      const r = await hub.publish('erqi', type, payload);
      if (!r.ok) throw new Error(r.error);
      times.push(Date.parse(r.event.time));
      await pause(30);
    }
    const at = async (i: number) =>
      (
        await get<{ plan: TransferPlan | null; progress: TransferProgress[] }>(
          `/api/scenarios/erqi/replay?at=${new Date((times[i] ?? 0) + 10).toISOString()}`,
        )
      ).body;
    expect((await at(1)).plan?.version).toBe(1);
    expect((await at(1)).progress.map((p) => p.moved)).toEqual([40]);
    // A new plan starts its progress afresh.
    expect((await at(2)).plan?.version).toBe(2);
    expect((await at(2)).progress).toEqual([]);
    expect((await at(3)).progress.map((p) => [p.planId, p.moved])).toEqual([
      ['PLAN-REPLAY-2', 100],
    ]);
  });

  it('hands out the events after a moment, up to a time, for playing forward', async () => {
    const range = await get<{ from: string; to: string }>('/api/scenarios/erqi/replay/range');
    expect(Date.parse(range.body.from)).toBeLessThanOrEqual(Date.parse(range.body.to));
    const all = await get<{ events: StoredEvent[]; more: boolean }>(
      `/api/scenarios/erqi/replay/events?after=0&until=${encodeURIComponent(range.body.to)}`,
    );
    expect(all.body.events.length).toBeGreaterThanOrEqual(5);
    expect(all.body.events.every((e) => e.scenario === 'erqi')).toBe(true);
    const cut = all.body.events[1];
    if (!cut) throw new Error('too few events');
    const some = await get<{ events: StoredEvent[] }>(
      `/api/scenarios/erqi/replay/events?after=0&until=${encodeURIComponent(cut.time)}`,
    );
    expect(some.body.events.every((e) => Date.parse(e.time) <= Date.parse(cut.time))).toBe(true);
  });

  it('refuses a moment that is not a date-time, with the reason', async () => {
    const bad = await get<{ description: string }>('/api/scenarios/erqi/replay?at=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.description).toMatch(/at must be an ISO date-time/);
    expect((await get('/api/scenarios/atlantis/replay/range')).status).toBe(404);
  });
});
