import * as turf from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_IDS, type Ack, type FeedSubscribed } from '../../src/shared/protocol/index.ts';
import type { Gateway } from '../../src/server/app.ts';
import { startGateway } from '../support/gateway.ts';

let gateway: Gateway;
let base: string;

beforeAll(async () => {
  ({ gateway, url: base } = await startGateway());
});
afterAll(async () => {
  await gateway.close();
});

interface Page extends FeatureCollection {
  numberMatched: number;
  numberReturned: number;
  links: { rel: string; href: string }[];
}

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

describe('OGC API – Features', () => {
  it('has a landing page that links conformance and collections', async () => {
    const { status, body } = await get<{ links: { rel: string; href: string }[] }>(
      '/api/scenarios/erqi',
    );
    expect(status).toBe(200);
    expect(body.links.map((l) => l.rel)).toEqual(['self', 'conformance', 'data']);
  });

  it('declares the core and GeoJSON conformance classes', async () => {
    const { body } = await get<{ conformsTo: string[] }>('/api/scenarios/kaifeng/conformance');
    expect(body.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
    );
    expect(body.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    );
  });

  it('lists one collection per entity kind with its size', async () => {
    const { body } = await get<{ collections: { id: string; numberOfItems: number }[] }>(
      '/api/scenarios/erqi/collections',
    );
    expect(body.collections.map((c) => c.id).sort()).toEqual([...COLLECTION_IDS].sort());
    const size = Object.fromEntries(body.collections.map((c) => [c.id, c.numberOfItems]));
    expect(size).toMatchObject({
      townships: 18,
      villages: 175,
      shelters: 207,
      teams: 577,
      cameras: 270,
      'risk-points': 236,
    });
  });

  it('pages through items with next links until all are read', async () => {
    const ids = new Set<string>();
    let next: string | undefined = '/api/scenarios/erqi/collections/shelters/items?limit=50';
    let pages = 0;
    while (next) {
      const { body }: { body: Page } = await get<Page>(next);
      expect(body.numberMatched).toBe(207);
      for (const f of body.features) ids.add(String(f.id));
      const href: string | undefined = body.links.find((l) => l.rel === 'next')?.href;
      next = href ? new URL(href).pathname + new URL(href).search : undefined;
      pages++;
    }
    expect(pages).toBe(5);
    expect(ids.size).toBe(207);
  });

  it('returns exactly the items inside a bbox', async () => {
    const bbox: [number, number, number, number] = [113.6, 34.7, 113.68, 34.76];
    const { body: all } = await get<Page>(
      '/api/scenarios/erqi/collections/shelters/items?limit=1000',
    );
    const expected = all.features
      .filter((f) => turf.booleanPointInPolygon(f.geometry as never, turf.bboxPolygon(bbox)))
      .map((f) => f.id);
    const { body } = await get<Page>(
      `/api/scenarios/erqi/collections/shelters/items?limit=1000&bbox=${bbox.join(',')}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(body.features.map((f) => f.id).sort()).toEqual(expected.sort());
  });

  it('filters 603,900 historical reports by time and township from the column store', async () => {
    const { body: all } = await get<Page>(
      '/api/scenarios/kaifeng/collections/hazard-reports/items?limit=1',
    );
    expect(all.numberMatched).toBe(603_900);
    const { body } = await get<Page>(
      '/api/scenarios/kaifeng/collections/hazard-reports/items?limit=10000&datetime=2021-07-20T00:00:00%2B08:00/2021-07-23T00:00:00%2B08:00',
    );
    expect(body.numberMatched).toBeGreaterThan(100);
    for (const f of body.features) {
      const t = Date.parse(String(f.properties?.time));
      expect(t).toBeGreaterThanOrEqual(Date.parse('2021-07-20T00:00:00+08:00'));
      expect(t).toBeLessThanOrEqual(Date.parse('2021-07-23T00:00:00+08:00'));
    }
    const township = String(body.features[0]?.properties?.townshipCode);
    const { body: one } = await get<Page>(
      `/api/scenarios/kaifeng/collections/hazard-reports/items?limit=10000&datetime=2021-07-20T00:00:00%2B08:00/2021-07-23T00:00:00%2B08:00&townshipCode=${township}`,
    );
    expect(one.numberMatched).toBe(
      body.features.filter((f) => f.properties?.townshipCode === township).length,
    );
  });

  it('serves one item by id and says when there is none', async () => {
    const { status, body } = await get<Feature>(
      '/api/scenarios/erqi/collections/townships/items/410103001',
    );
    expect(status).toBe(200);
    expect(body.properties?.name).toBe('淮河路街道');
    const missing = await get<{ description: string }>(
      '/api/scenarios/erqi/collections/townships/items/999',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.description).toContain('no item "999"');
  });

  it('answers bad parameters with 400 and a reason, counts them, and keeps serving', async () => {
    const before = gateway.rejections.total('http');
    const cases: [string, string][] = [
      ['bbox=1,2,3', 'bbox must be 4 numbers'],
      ['limit=100000', 'limit must be between 1 and 10000'],
      ['colour=red', 'unknown parameter "colour"'],
      ['datetime=2021-13-01', 'not a valid date'],
    ];
    for (const [query, reason] of cases) {
      const { status, body } = await get<{ code: string; description: string }>(
        `/api/scenarios/erqi/collections/hazard-reports/items?${query}`,
      );
      expect(status).toBe(400);
      expect(body.description).toContain(reason);
    }
    expect(gateway.rejections.total('http') - before).toBe(cases.length);
    const health = await get<{ status: string; rejected: Record<string, number> }>('/api/health');
    expect(health.body.status).toBe('ok');
  });

  it('says which scenarios and collections exist when asked for others', async () => {
    const a = await get<{ description: string }>('/api/scenarios/atlantis/collections');
    expect(a.status).toBe(404);
    expect(a.body.description).toContain('available: erqi, kaifeng');
    const b = await get<{ description: string }>('/api/scenarios/erqi/collections/unicorns/items');
    expect(b.status).toBe(404);
    expect(b.body.description).toContain('no collection "unicorns"');
  });

  it('serves the column tables for the browser', async () => {
    const res = await fetch(`${base}/api/scenarios/kaifeng/tables/hazard-reports.bin`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('OMCT');
  });
});

describe('socket.io on the same port', () => {
  it('acknowledges a subscription and rejects a bad one with the reason', async () => {
    const socket = connect(base, { transports: ['websocket'], reconnection: false });
    try {
      const ok = (await socket.emitWithAck('feed:subscribe', {
        scenario: 'erqi',
      })) as Ack<FeedSubscribed>;
      expect(ok).toEqual({
        ok: true,
        data: {
          scenario: 'erqi',
          seq: 0,
          seqTime: null,
          logId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
          exercise: false,
          replay: [],
          resync: false,
          rewound: false,
        },
      });
      const bad = (await socket.emitWithAck('feed:subscribe', {
        scenario: 'atlantis',
      })) as Ack<FeedSubscribed>;
      expect(bad.ok).toBe(false);
      expect(bad.ok ? '' : bad.error).toContain('is not loaded on this gateway');
      expect(gateway.rejections.total('socket')).toBeGreaterThan(0);
    } finally {
      socket.close();
    }
  });
});
