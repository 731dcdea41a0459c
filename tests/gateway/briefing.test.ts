import { afterAll, describe, expect, it } from 'vitest';
import { BriefingView } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const suite = gatewaySuite(['erqi'], { tokenSecret: SECRET });
const { client, key, send, close } = roleClients(() => suite.base, SECRET);
afterAll(close);

const current = async () => {
  const res = await fetch(`${suite.base}/api/scenarios/erqi/briefing`);
  return BriefingView.nullable().parse(((await res.json()) as { briefing: unknown }).briefing);
};

describe('briefing presenter-follow', () => {
  it('has nothing to follow before a presenter starts', async () => {
    expect(await current()).toBeNull();
  });

  it('sends a planner’s view to everyone following; viewers may only watch', async () => {
    const planner = await client('planner');
    const r = await send(planner, 'briefing:present', {
      scenario: 'erqi',
      view: 's=erqi&c=113.60000,34.72000,12.00&l=townships,shelters',
      title: '南部避难场所',
      notes: '夜间床位充足',
      idempotencyKey: key(),
    });
    expect(r.ok).toBe(true);
    expect(await current()).toMatchObject({
      view: 's=erqi&c=113.60000,34.72000,12.00&l=townships,shelters',
      title: '南部避难场所',
      notes: '夜间床位充足',
      by: 'user-planner',
    });
    const viewer = await client();
    expect(
      await send(viewer, 'briefing:present', {
        scenario: 'erqi',
        view: 's=erqi',
        idempotencyKey: key(),
      }),
    ).toEqual({
      ok: false,
      error:
        'forbidden: a viewer may not briefing:present (needs duty_officer or planner or admin)',
    });
    const long = await send(planner, 'briefing:present', {
      scenario: 'erqi',
      view: 'x'.repeat(5000),
      idempotencyKey: key(),
    });
    expect(JSON.stringify(long)).toContain('a view link of at most 4,000 characters');
  });
});
