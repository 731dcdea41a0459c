/**
 * A jurisdiction is data: the gateway serves whatever folders its data directory holds, names
 * them as their manifests do, keeps them apart, and says why a folder it does not serve is not
 * served. Nothing about the samples is special in code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/server/app.ts';
import type { Ack, FeedSubscribed, ScenarioMeta } from '../../src/shared/protocol/index.ts';
import { signedIn, TEST_SECRET } from '../support/access.ts';
import { demoDataDir } from '../support/data-dir.ts';
import { sampleIncident } from '../support/samples.ts';

let dir: string;
let remove: () => void;
let gateway: Gateway;
let base: string;

/** A folder that looks like a jurisdiction: a manifest, and (unless said) the list of its files. */
function folder(name: string, meta: object, files = true) {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'meta.json'), JSON.stringify(meta));
  if (files) writeFileSync(join(dir, name, 'manifest.json'), '{"files":{}}');
}

beforeAll(async () => {
  const data = demoDataDir();
  dir = data.dir;
  remove = data.remove;
  const erqi = JSON.parse(readFileSync(join(dir, 'erqi', 'meta.json'), 'utf8')) as ScenarioMeta;
  // Folders that are not (yet) jurisdictions, each for its own reason.
  folder('Bad_Name', { ...erqi, id: 'Bad_Name' });
  folder('half-imported', { ...erqi, id: 'half-imported' }, false);
  folder('mislabelled', { ...erqi, id: 'someone-else' });
  folder('no-names', { ...erqi, id: 'no-names', name: '' });
  gateway = await createGateway({
    dataDir: dir,
    eventLog: ':memory:',
    simulator: null,
    readAccess: 'open',
    tokenSecret: TEST_SECRET,
  });
  base = await gateway.listen(0);
});

afterAll(async () => {
  await gateway.close();
  remove();
});

describe('jurisdictions from the data directory', () => {
  it('serves every usable folder, in id order, named as its manifest names it', async () => {
    const body = (await (await fetch(`${base}/api/scenarios`)).json()) as {
      scenarios: ScenarioMeta[];
    };
    expect(body.scenarios.map((s) => s.id)).toEqual(['erqi', 'zhongmu-demo']);
    const demo = body.scenarios[1];
    expect(demo).toMatchObject({
      name: '中牟县（演示）',
      nameEn: 'Zhongmu County (demo)',
      version: 'demo-3',
    });
  });

  it('reads the new jurisdiction’s data through the same API as the sample’s', async () => {
    const count = async (id: string) =>
      (
        (await (
          await fetch(`${base}/api/scenarios/${id}/collections/shelters/items?limit=1`)
        ).json()) as { numberMatched: number }
      ).numberMatched;
    expect(await count('zhongmu-demo')).toBe(await count('erqi'));
    expect(await count('zhongmu-demo')).toBeGreaterThan(0);
  });

  it('keeps each jurisdiction’s live picture to itself', async () => {
    const incident = sampleIncident({ status: 'confirmed' });
    const r = await gateway.hub.publish('zhongmu-demo', 'incident:open', incident);
    expect(r.ok).toBe(true);
    expect(gateway.hub.live.get('zhongmu-demo')?.incidents.has(incident.id)).toBe(true);
    expect(gateway.hub.live.get('erqi')?.incidents.has(incident.id)).toBe(false);
  });

  it('subscribes a console to the new jurisdiction and refuses one it does not serve, with the reason', async () => {
    const socket = connect(base, { transports: ['websocket'], reconnection: false });
    try {
      const ok = (await socket.emitWithAck('feed:subscribe', {
        scenario: 'zhongmu-demo',
      })) as Ack<FeedSubscribed>;
      expect(ok.ok).toBe(true);
      const absent = (await socket.emitWithAck('feed:subscribe', {
        scenario: 'half-imported',
      })) as Ack<FeedSubscribed>;
      expect(absent.ok ? '' : absent.error).toContain('not loaded on this gateway');
      const malformed = (await socket.emitWithAck('feed:subscribe', {
        scenario: '../erqi',
      })) as Ack<FeedSubscribed>;
      expect(malformed.ok ? '' : malformed.error).toContain(
        'lower-case letters, digits and hyphens',
      );
    } finally {
      socket.close();
    }
  });

  it('says, to an administrator, which folders it does not serve and why', async () => {
    const res = await fetch(`${base}/api/health/details`, { headers: await signedIn('admin') });
    const body = (await res.json()) as {
      scenarios: string[];
      skippedJurisdictions: { folder: string; reason: string }[];
    };
    expect(body.scenarios).toEqual(['erqi', 'zhongmu-demo']);
    const why = Object.fromEntries(body.skippedJurisdictions.map((s) => [s.folder, s.reason]));
    expect(Object.keys(why).sort()).toEqual([
      'Bad_Name',
      'half-imported',
      'mislabelled',
      'no-names',
    ]);
    expect(why.Bad_Name).toContain('not a jurisdiction id');
    expect(why['half-imported']).toContain('an import did not finish');
    expect(why.mislabelled).toContain('says id "someone-else"');
    expect(why['no-names']).toContain('name');
  });

  it('serves only what SCENARIOS names, in its order, and will not start on a name it cannot serve', async () => {
    const one = await createGateway({
      dataDir: dir,
      eventLog: ':memory:',
      simulator: null,
      scenarios: ['zhongmu-demo', 'erqi'],
    });
    try {
      expect([...one.scenarios.keys()]).toEqual(['zhongmu-demo', 'erqi']);
    } finally {
      await one.close();
    }
    await expect(
      createGateway({
        dataDir: dir,
        eventLog: ':memory:',
        simulator: null,
        scenarios: ['half-imported'],
      }),
    ).rejects.toThrow(/half-imported.*an import did not finish.*usable: erqi, zhongmu-demo/);
  });
});
