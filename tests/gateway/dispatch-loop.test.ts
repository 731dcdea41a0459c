import { afterAll, describe, expect, it } from 'vitest';
import { Recommendations } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';
import { sampleIncident } from '../support/samples.ts';
import { TEST_SECRET, fetchSignedIn } from '../support/access.ts';

const SECRET = TEST_SECRET;
// The simulator plays the teams at 60× (its own incidents arrive too, as in an exercise).
const suite = gatewaySuite(['erqi'], {
  tokenSecret: SECRET,
  simulator: { speed: 60, seed: 12 },
});
const { client, key, send, close } = roleClients(() => suite.base, SECRET);
afterAll(close);

describe('dispatch', () => {
  it('sends the recommended team; the simulator drives it along its route to the scene; a viewer cannot dispatch', async () => {
    const hub = suite.gateway.hub;
    const incident = sampleIncident({ type: 'water_rescue', status: 'confirmed' });
    await hub.publish('erqi', 'incident:open', incident);
    const body = Recommendations.parse(
      await (
        await fetchSignedIn(
          `${suite.base}/api/scenarios/erqi/incidents/${incident.id}/recommendations`,
        )
      ).json(),
    );
    const best = body.suggestions[0];
    if (!best) throw new Error('no suggestion');

    const viewer = await client('viewer');
    const refused = await send(viewer, 'incident:dispatch', {
      scenario: 'erqi',
      id: incident.id,
      teamIds: [best.teamId],
      idempotencyKey: key(),
    });
    expect(refused.ok).toBe(false);

    const officer = await client('duty_officer');
    const r = await send(officer, 'incident:dispatch', {
      scenario: 'erqi',
      id: incident.id,
      teamIds: [best.teamId],
      idempotencyKey: key(),
    });
    expect(r.ok).toBe(true);
    const live = hub.live.get('erqi');
    expect(live?.incidents.get(incident.id)).toMatchObject({
      status: 'dispatched',
      assignedTeamIds: [best.teamId],
    });
    // The dispatch is recorded with who sent it and the road ETA from where the team stood,
    // which agrees with the ranking's drive time (that one searches outward from the scene, so
    // the ends snap to the roads a little differently: seconds apart).
    const record = live?.incidents.get(incident.id)?.dispatches?.[0];
    expect(record).toMatchObject({ teamId: best.teamId, by: 'user-duty_officer' });
    expect(record?.etaS).toBeGreaterThan(0);
    expect(Math.abs((record?.etaS ?? 0) - best.driveS)).toBeLessThan(
      Math.max(10, best.driveS / 50),
    );
    // The same team again: it is busy now, and the refusal says so.
    const again = await send(officer, 'incident:dispatch', {
      scenario: 'erqi',
      id: incident.id,
      teamIds: [best.teamId],
      idempotencyKey: key(),
    });
    expect(again).toEqual({
      ok: false,
      error: expect.stringContaining('is dispatched, not available') as unknown,
    });

    // At 60× a drive of a few km takes a few seconds: en route, then on scene at the incident.
    const positions: [number, number][] = [];
    const off = hub.onEvent((e) => {
      const p = e.payload as { id?: string; position?: [number, number] };
      if (e.type === 'team:move' && p.id === best.teamId && p.position) positions.push(p.position);
    });
    await expect
      .poll(() => live?.incidents.get(incident.id)?.status, { timeout: 60_000, interval: 200 })
      .toBe('on_scene');
    off();
    expect(live?.teams.get(best.teamId)?.status).toBe('on_scene');
    expect(positions.length).toBeGreaterThan(2);
    const last = positions.at(-1) ?? [0, 0];
    expect(Math.abs(last[0] - incident.position[0])).toBeLessThan(1e-5);
    expect(Math.abs(last[1] - incident.position[1])).toBeLessThan(1e-5);

    // The incident's dispatch log tells the story in order.
    const log = (await (
      await fetchSignedIn(`${suite.base}/api/scenarios/erqi/incidents/${incident.id}/log`)
    ).json()) as { entries: { kind: string; status?: string; teamId?: string }[] };
    expect(
      log.entries.map((e) => `${e.kind}:${e.status ?? ''}:${e.teamId === best.teamId ? 'T' : ''}`),
    ).toEqual([
      'status:confirmed:',
      'dispatch::T',
      'status:dispatched:',
      'team:en_route:T',
      'status:en_route:',
      'team:on_scene:T',
      'status:on_scene:',
    ]);
  });
});
