import { describe, expect, it } from 'vitest';
import { signToken } from '../../src/server/access/tokens.ts';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import type {
  AuditEntry,
  PlanDraft,
  Role,
  TransferPlan,
  TransferProgress,
} from '../../src/shared/protocol/index.ts';
import { TEST_SECRET, fetchSignedIn } from '../support/access.ts';
import { gatewaySuite } from '../support/gateway.ts';

const SECRET = TEST_SECRET;
// The exercise at 600×: a village's transfer takes a few simulated hours, seconds here.
const suite = gatewaySuite(['erqi'], { tokenSecret: SECRET, simulator: { speed: 600, seed: 5 } });

const token = (role: Role) => signToken(SECRET, `user-${role}`, role, 600);

async function publish(role: Role, body: unknown) {
  const res = await fetch(`${suite.base}/api/scenarios/erqi/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role)}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function draft(): PlanDraft {
  const data = suite.gateway.scenarios.get('erqi');
  const villages = (data?.collections.get('villages') as EntityCollection<'villages'>).entities;
  const shelters = (data?.collections.get('shelters') as EntityCollection<'shelters'>).entities;
  const [v1, v2] = villages;
  const [s1, s2] = shelters;
  if (!v1 || !v2 || !s1 || !s2) throw new Error('sample too small');
  return {
    scenario: 'erqi',
    hazardId: 'test-hazard',
    hazardName: '测试洪水',
    assignments: [
      { village: v1.code, shelter: s1.id, people: 120, vulnerable: 10, seconds: 600 },
      { village: v2.code, shelter: s2.id, people: 80, vulnerable: 0, seconds: 900 },
    ],
    unplaced: [],
  };
}

describe('transfer plans', () => {
  it('refuses a viewer and a bad plan with reasons, both audited', async () => {
    const viewer = await publish('viewer', draft());
    expect(viewer.status).toBe(403);
    expect(viewer.body.description).toContain(
      'a viewer may not do this (needs planner or duty_officer or admin)',
    );
    const bad = await publish('planner', { ...draft(), assignments: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.description).toContain('a plan needs at least one assignment');
    const unknown = await publish('planner', {
      ...draft(),
      assignments: [{ ...draft().assignments[0], shelter: 'NOPE' }],
    });
    expect(unknown.body.description).toBe('no shelter NOPE in erqi');
  });

  it('publishes versioned plans every console sees; the exercise carries the transfer out to 100%', async () => {
    const first = await publish('planner', draft());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, id: 'PLAN-erqi-1' });
    const second = await publish('duty_officer', draft());
    expect(second.body).toMatchObject({ version: 2, id: 'PLAN-erqi-2' });
    const current = (await (
      await fetchSignedIn(`${suite.base}/api/scenarios/erqi/plans/current`)
    ).json()) as { plan: TransferPlan; progress: TransferProgress[] };
    expect(current.plan).toMatchObject({ version: 2, publishedBy: 'user-duty_officer' });
    // The public sees the plan, not who published it.
    const open = (await (await fetch(`${suite.base}/api/scenarios/erqi/plans/current`)).json()) as {
      plan: TransferPlan;
    };
    expect(open.plan.version).toBe(2);
    expect(open.plan.publishedBy).toBeUndefined();

    const live = suite.gateway.hub.live.get('erqi');
    const before = new Map(
      draft().assignments.map((a) => [a.shelter, live?.shelters.get(a.shelter)?.occupancy ?? 0]),
    );
    await expect
      .poll(
        () => [...(live?.progress.values() ?? [])].filter((p) => p.status === 'sheltered').length,
        { timeout: 60_000, interval: 250 },
      )
      .toBe(2);
    const moved = [...(live?.progress.values() ?? [])].reduce((n, p) => n + p.moved, 0);
    expect(moved).toBe(200);
    for (const a of draft().assignments)
      expect(live?.shelters.get(a.shelter)?.occupancy).toBeGreaterThanOrEqual(
        Math.min(
          (before.get(a.shelter) ?? 0) + a.people,
          live?.shelters.get(a.shelter)?.capacityNight ?? 0,
        ),
      );
    // Publishing is audited with who, the version before → after.
    const res = await fetch(`${suite.base}/api/audit?command=plan:publish`, {
      headers: { authorization: `Bearer ${await token('admin')}` },
    });
    const entries = ((await res.json()) as { entries: AuditEntry[] }).entries;
    expect(entries.filter((e) => e.outcome === 'done').map((e) => e.target)).toEqual([
      'PLAN-erqi-2',
      'PLAN-erqi-1',
    ]);
    expect(entries.filter((e) => e.outcome === 'refused').length).toBe(3);
  });
});
