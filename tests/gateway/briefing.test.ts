import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefingScene, BriefingView } from '../../src/shared/protocol/index.ts';
import { gatewaySuite, startGateway } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';
import { TEST_SECRET, fetchSignedIn } from '../support/access.ts';

const SECRET = TEST_SECRET;
const suite = gatewaySuite(['erqi'], { tokenSecret: SECRET });
const { client, key, send, close } = roleClients(() => suite.base, SECRET);
afterAll(close);

const briefing = async (base = suite.base) => {
  const res = await fetchSignedIn(`${base}/api/scenarios/erqi/briefing`);
  const body = (await res.json()) as { briefing: unknown; scenes: unknown };
  return {
    presented: BriefingView.nullable().parse(body.briefing),
    scenes: BriefingScene.array().parse(body.scenes),
  };
};
const current = async () => (await briefing()).presented;

const ARROW = {
  id: 'a1',
  kind: 'arrow',
  colour: 'red',
  path: [
    [113.6, 34.7],
    [113.62, 34.71],
  ],
};
const CIRCLE = { id: 'c1', kind: 'circle', colour: 'yellow', centre: [113.6, 34.7], radiusM: 800 };
const TEXT = { id: 't1', kind: 'text', colour: 'white', at: [113.61, 34.7], text: '集结点' };
const scene = (id: string, title: string, annotations: object[] = []) => ({
  id,
  title,
  notes: '',
  view: `s=erqi&c=113.60000,34.72000,12.00`,
  annotations,
});

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

describe('briefing drawings and scenes', () => {
  it('sends the presenter’s drawings to followers; a bad drawing is refused with the reason', async () => {
    const planner = await client('planner');
    const r = await send(planner, 'briefing:present', {
      scenario: 'erqi',
      view: 's=erqi',
      annotations: [ARROW, CIRCLE, TEXT],
      idempotencyKey: key(),
    });
    expect(r.ok).toBe(true);
    expect((await current())?.annotations).toEqual([ARROW, CIRCLE, TEXT]);

    const bad = await send(planner, 'briefing:present', {
      scenario: 'erqi',
      view: 's=erqi',
      annotations: [
        { ...ARROW, path: [[113.6, 34.7]] },
        { ...CIRCLE, radiusM: -5 },
      ],
      idempotencyKey: key(),
    });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('a line needs at least 2 positions');
    expect(JSON.stringify(bad)).toContain('a circle’s radius must be positive');
    const huge = await send(planner, 'briefing:present', {
      scenario: 'erqi',
      view: 's=erqi',
      annotations: Array.from({ length: 6 }, (_, i) => ({
        ...ARROW,
        id: `f${i}`,
        kind: 'freehand',
        path: Array.from({ length: 300 }, (_, j) => [113.6 + j * 1e-4, 34.7]),
      })),
      idempotencyKey: key(),
    });
    expect(JSON.stringify(huge)).toContain('drawings of at most 1500 positions in all');
    // Refused ones change nothing.
    expect((await current())?.annotations).toEqual([ARROW, CIRCLE, TEXT]);
  });

  it('keeps scenes on the gateway: saved in order, replaced in place, moved, removed', async () => {
    const planner = await client('planner');
    const save = (s: object) =>
      send(planner, 'briefing:save-scene', { scenario: 'erqi', scene: s, idempotencyKey: key() });
    expect((await save(scene('s1', '总体态势'))).ok).toBe(true);
    expect((await save(scene('s2', '南部转移', [ARROW, TEXT]))).ok).toBe(true);
    expect((await save(scene('s1', '总体态势（更新）', [CIRCLE]))).ok).toBe(true);
    const { scenes } = await briefing();
    expect(scenes.map((s) => [s.id, s.title, s.annotations.length, s.by])).toEqual([
      ['s1', '总体态势（更新）', 1, 'user-planner'],
      ['s2', '南部转移', 2, 'user-planner'],
    ]);
    // Moved: a third scene to the front, then past the end (it goes last).
    expect((await save(scene('s3', '前情'))).ok).toBe(true);
    const move = (id: string, index: number) =>
      send(planner, 'briefing:move-scene', { scenario: 'erqi', id, index, idempotencyKey: key() });
    expect((await move('s3', 0)).ok).toBe(true);
    expect((await briefing()).scenes.map((s) => s.id)).toEqual(['s3', 's1', 's2']);
    expect((await move('s3', 99)).ok).toBe(true);
    expect((await briefing()).scenes.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(await move('nope', 0)).toEqual({ ok: false, error: 'no briefing scene nope' });
    expect(JSON.stringify(await move('s3', -1))).toContain('index must be a place in the deck');
    expect(
      (
        await send(planner, 'briefing:remove-scene', {
          scenario: 'erqi',
          id: 's3',
          idempotencyKey: key(),
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await send(planner, 'briefing:remove-scene', {
          scenario: 'erqi',
          id: 's1',
          idempotencyKey: key(),
        })
      ).ok,
    ).toBe(true);
    expect((await briefing()).scenes.map((s) => s.id)).toEqual(['s2']);
    expect(
      await send(planner, 'briefing:remove-scene', {
        scenario: 'erqi',
        id: 's1',
        idempotencyKey: key(),
      }),
    ).toEqual({ ok: false, error: 'no briefing scene s1' });
    const viewer = await client();
    expect(
      (
        await send(viewer, 'briefing:save-scene', {
          scenario: 'erqi',
          scene: scene('s3', 'x'),
          idempotencyKey: key(),
        })
      ).ok,
    ).toBe(false);
    const bad = await save({ ...scene('bad id!', 'x'), annotations: [{ ...TEXT, text: ' ' }] });
    expect(JSON.stringify(bad)).toContain('id may contain only letters, digits');
    expect(JSON.stringify(bad)).toContain('a text note needs some text');
    expect((await briefing()).scenes.map((s) => s.id)).toEqual(['s2']);
  });

  it('still has its scenes after a restart (they live in the event log)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onemap-briefing-'));
    const eventLog = join(dir, 'events.sqlite');
    try {
      const first = await startGateway(['erqi'], false, { eventLog, tokenSecret: SECRET });
      const own = roleClients(() => first.url, SECRET);
      const planner = await own.client('planner');
      for (const [id, title] of [
        ['a', '一'],
        ['b', '二'],
        ['c', '三'],
      ] as const)
        await own.send(planner, 'briefing:save-scene', {
          scenario: 'erqi',
          scene: scene(id, title, id === 'b' ? [ARROW] : []),
          idempotencyKey: own.key(),
        });
      await own.send(planner, 'briefing:remove-scene', {
        scenario: 'erqi',
        id: 'a',
        idempotencyKey: own.key(),
      });
      own.close();
      await first.gateway.close();
      const again = await startGateway(['erqi'], false, { eventLog, tokenSecret: SECRET });
      try {
        const { scenes } = await briefing(again.url);
        expect(scenes.map((s) => [s.id, s.title])).toEqual([
          ['b', '二'],
          ['c', '三'],
        ]);
        expect(scenes[0]?.annotations).toEqual([ARROW]);
      } finally {
        await again.gateway.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
