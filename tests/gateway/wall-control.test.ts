import { afterAll, describe, expect, it } from 'vitest';
import { WallState } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';
import { sampleIncident } from '../support/samples.ts';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const suite = gatewaySuite(['erqi'], { tokenSecret: SECRET });
const { client, key, send, close } = roleClients(() => suite.base, SECRET);
afterAll(close);

const wallNow = async () => {
  const res = await fetch(`${suite.base}/api/scenarios/erqi/wall`);
  return WallState.parse(((await res.json()) as { wall: unknown }).wall);
};

describe('wall control', () => {
  it('starts free: walls rotate, nothing focused', async () => {
    expect(await wallNow()).toMatchObject({ scene: null, focus: null });
  });

  it('lets a duty officer hold a scene and focus an incident; every subscriber hears it', async () => {
    const incident = sampleIncident({ id: 'INC-WALL-CTL' });
    await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    const officer = await client('duty_officer');
    const wall = await client();
    await wall.emitWithAck('feed:subscribe', { scenario: 'erqi' });
    type Seen = { type: string; payload: unknown };
    const heard = new Promise<Seen>((resolve) =>
      wall.on('feed:batch', (batch: Seen[]) => {
        const ev = batch.find((e) => e.type === 'wall:state');
        if (ev) resolve(ev);
      }),
    );
    const r = await send(officer, 'wall:control', {
      scenario: 'erqi',
      scene: 'incidents',
      focus: incident.id,
      idempotencyKey: key(),
    });
    expect(r.ok).toBe(true);
    expect((await heard).payload).toMatchObject({ scene: 'incidents', focus: incident.id });
    expect(await wallNow()).toMatchObject({ scene: 'incidents', focus: incident.id });
  });

  it('refuses viewers, unknown scenes and incidents that are not live, with the reason', async () => {
    const viewer = await client();
    const officer = await client('duty_officer');
    expect(
      await send(viewer, 'wall:control', {
        scenario: 'erqi',
        scene: null,
        focus: null,
        idempotencyKey: key(),
      }),
    ).toEqual({
      ok: false,
      error: 'forbidden: a viewer may not wall:control (needs duty_officer or admin)',
    });
    const badScene = await send(officer, 'wall:control', {
      scenario: 'erqi',
      scene: 'cinema',
      focus: null,
      idempotencyKey: key(),
    });
    expect(badScene.ok).toBe(false);
    expect(JSON.stringify(badScene)).toContain(
      'scene must be overview, incidents, warnings, hydro or kpis',
    );
    expect(
      await send(officer, 'wall:control', {
        scenario: 'erqi',
        scene: null,
        focus: 'INC-NOWHERE',
        idempotencyKey: key(),
      }),
    ).toEqual({ ok: false, error: 'no live incident INC-NOWHERE to focus the walls on' });
    // What was refused changed nothing.
    expect(await wallNow()).toMatchObject({ scene: 'incidents', focus: 'INC-WALL-CTL' });
  });

  it('changes only what a command names, so two quick changes do not undo each other', async () => {
    const officer = await client('duty_officer');
    await send(officer, 'wall:control', { scenario: 'erqi', focus: null, idempotencyKey: key() });
    await send(officer, 'wall:control', { scenario: 'erqi', scene: 'kpis', idempotencyKey: key() });
    expect(await wallNow()).toMatchObject({ scene: 'kpis', focus: null });
  });
});
