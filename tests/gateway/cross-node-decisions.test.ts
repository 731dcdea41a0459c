/**
 * Check-then-act across nodes: two duty officers on two gateway nodes send the same free team to
 * two incidents at the same instant. Each node decides on its own copy of the state; the log's
 * script takes only the decision made on the state it still holds, and the other node catches
 * up and decides again — so the team is never sent twice. The same for two planners publishing
 * a transfer plan at once: two versions, never the same one twice.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/server/access/tokens.ts';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import type { PlanDraft } from '../../src/shared/protocol/index.ts';
import { TEST_SECRET } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import { startRedis } from '../support/processes.ts';
import { roleClients } from '../support/role-client.ts';
import { sampleIncident } from '../support/samples.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let a: Awaited<ReturnType<typeof startGateway>>;
let b: Awaited<ReturnType<typeof startGateway>>;
const onA = roleClients(() => a.url, TEST_SECRET);
const onB = roleClients(() => b.url, TEST_SECRET);

beforeAll(async () => {
  redis = await startRedis();
  const extra = { redis: { url: redis.url, prefix: `decide-${randomUUID()}` } };
  a = await startGateway(['erqi'], false, extra);
  b = await startGateway(['erqi'], false, extra);
});
afterAll(async () => {
  onA.close();
  onB.close();
  await a.gateway.close();
  await b.gateway.close();
  await redis.stop();
});

const bothAt = async (seq: number) => {
  await a.gateway.hub.reachWithin(seq, 5_000);
  await b.gateway.hub.reachWithin(seq, 5_000);
};

describe('two nodes deciding at once', () => {
  it('never dispatch the same team twice: 100 simultaneous pairs, one wins each time', async () => {
    const officerA = await onA.client('duty_officer');
    const officerB = await onB.client('duty_officer');
    const team = [...(a.gateway.hub.live.get('erqi')?.teams.values() ?? [])][0];
    if (!team) throw new Error('no team in erqi');
    for (let round = 0; round < 100; round++) {
      const one = sampleIncident();
      const two = sampleIncident();
      await a.gateway.hub.publish('erqi', 'incident:open', one);
      // Free again (straight into the log: the officers' commands are rate-limited per person).
      const free = await a.gateway.hub.publish('erqi', 'team:status', {
        id: team.id,
        status: 'available',
      });
      const opened = await b.gateway.hub.publish('erqi', 'incident:open', two);
      if (!free.ok || !opened.ok)
        throw new Error(`setup refused: ${JSON.stringify([free, opened])}`);
      await bothAt(opened.event.seq);
      // Ten commands a second per person: one round per tenth of a second.
      await sleep(110);
      const [x, y] = await Promise.all([
        onA.send(officerA, 'incident:dispatch', {
          scenario: 'erqi',
          id: one.id,
          teamIds: [team.id],
          idempotencyKey: onA.key(),
        }),
        onB.send(officerB, 'incident:dispatch', {
          scenario: 'erqi',
          id: two.id,
          teamIds: [team.id],
          idempotencyKey: onB.key(),
        }),
      ]);
      expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
      const lost = x.ok ? y : x;
      expect(lost.ok ? '' : lost.error).toMatch(/is dispatched, not available/);
      const last = Math.max(x.ok ? x.data.seq : 0, y.ok ? y.data.seq : 0);
      await bothAt(last);
      // The log agrees: exactly one of the two incidents has the team.
      const live = a.gateway.hub.live.get('erqi');
      const holding = [one.id, two.id].filter((id) =>
        live?.incidents.get(id)?.assignedTeamIds.includes(team.id),
      );
      expect(holding).toHaveLength(1);
    }
  }, 120_000);

  it('publish two plans at once as two versions, never one version twice', async () => {
    const token = await signToken(TEST_SECRET, 'user-planner', 'planner', 600);
    const publish = (node: typeof a, hazardName: string) =>
      fetch(`${node.url}/api/scenarios/erqi/plans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(draft(hazardName)),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { version?: number } }));
    for (let round = 0; round < 10; round++) {
      const [x, y] = await Promise.all([publish(a, '甲'), publish(b, '乙')]);
      expect([x.status, y.status]).toEqual([201, 201]);
      expect(Math.abs((x.body.version ?? 0) - (y.body.version ?? 0))).toBe(1);
    }
  });
});

function draft(hazardName: string): PlanDraft {
  const data = a.gateway.scenarios.get('erqi');
  const [v1] = (data?.collections.get('villages') as EntityCollection<'villages'>).entities;
  const [s1] = (data?.collections.get('shelters') as EntityCollection<'shelters'>).entities;
  if (!v1 || !s1) throw new Error('sample too small');
  return {
    scenario: 'erqi',
    hazardId: 'test-hazard',
    hazardName,
    assignments: [{ village: v1.code, shelter: s1.id, people: 120, vulnerable: 10, seconds: 600 }],
    unplaced: [],
  };
}
