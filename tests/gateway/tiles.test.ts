import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasemapCatalog } from '../../src/shared/protocol/index.ts';
import type { Gateway } from '../../src/server/app.ts';
import { signedIn } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import { startTileServer } from '../support/tile-server.ts';

const KEY = 'tianditu-test-key';
let upstream: Awaited<ReturnType<typeof startTileServer>>;
let gateway: Gateway;
let base: string;
let cacheDir: string;
const TILE_BYTES = 1000; // about one test tile (a flat PNG compresses well)

beforeAll(async () => {
  upstream = await startTileServer();
  cacheDir = mkdtempSync(join(tmpdir(), 'onemap-tiles-'));
  const started = await startGateway(['erqi'], false, {
    tiles: {
      cacheDir,
      cacheBytes: 6 * TILE_BYTES,
      tiandituKey: KEY,
      styleUrl: 'http://intranet.example/style.json',
      freshMs: 60_000,
      timeoutMs: 2_000,
      upstreams: {
        osm: `${upstream.url}/osm/{z}/{x}/{y}`,
        'tdt-vec': `${upstream.url}/tdt-vec/{z}/{x}/{y}?tk={key}`,
      },
    },
  });
  gateway = started.gateway;
  base = started.url;
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers });

describe('basemaps', () => {
  it('lists what is configured, with the baked vector basemap as the default', async () => {
    const res = await get('/api/basemaps?scenario=erqi');
    const catalog = BasemapCatalog.parse(await res.json());
    expect(catalog.default).toBe('vector');
    expect(catalog.basemaps.map((b) => b.id)).toEqual([
      'plain',
      'vector',
      'osm',
      'tianditu-vec',
      'tianditu-img',
      'gaode',
      'gaode-sat',
      'custom',
    ]);
    expect(catalog.basemaps.find((b) => b.id === 'gaode')?.crs).toBe('gcj02');
    expect(catalog.basemaps.find((b) => b.id === 'tianditu-vec')?.raster).toEqual([
      '/tiles/tdt-vec/{z}/{x}/{y}',
      '/tiles/tdt-cva/{z}/{x}/{y}',
    ]);
    // The key stays on the gateway.
    expect(JSON.stringify(catalog)).not.toContain(KEY);
    expect((await get('/api/basemaps?scenario=atlantis')).status).toBe(400);
  });

  it('serves the baked PMTiles archive with range requests', async () => {
    const res = await get('/basemap/erqi.pmtiles', { range: 'bytes=0-126' });
    expect(res.status).toBe(206);
    const head = Buffer.from(await res.arrayBuffer());
    expect(head.subarray(0, 7).toString()).toBe('PMTiles');
    expect(head[7]).toBe(3);
  });

  it('fetches a tile once, then serves it from the cache; the key goes upstream only', async () => {
    const first = await get('/tiles/tdt-vec/3/6/3');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-onemap-tile')).toBe('miss');
    expect(first.headers.get('content-type')).toBe('image/png');
    const again = await get('/tiles/tdt-vec/3/6/3');
    expect(again.headers.get('x-onemap-tile')).toBe('hit');
    expect(Buffer.from(await again.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()));
    expect(upstream.requests.filter((r) => r.startsWith('/tdt-vec/3/6/3'))).toEqual([
      `/tdt-vec/3/6/3?tk=${KEY}`,
    ]);
  });

  it('asks upstream once for a tile many consoles want at the same moment', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => get('/tiles/osm/4/12/6')));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(upstream.requests.filter((r) => r === '/osm/4/12/6')).toHaveLength(1);
  });

  it('keeps the basemap when the link drops: cached tiles still come, others say why not', async () => {
    await get('/tiles/osm/5/25/12');
    upstream.failing.on = true;
    try {
      // Stale or not, a cached tile is served when upstream fails.
      const cached = await get('/tiles/osm/5/25/12');
      expect(cached.status).toBe(200);
      const missing = await get('/tiles/osm/5/25/13');
      expect(missing.status).toBe(502);
      const body = (await missing.json()) as { description: string };
      expect(body.description).toMatch(/osm tile 5\/25\/13: upstream answered 503; none cached/);
    } finally {
      upstream.failing.on = false;
    }
  });

  it('stays within its disk bound, dropping the least recently used tiles', async () => {
    for (let x = 0; x < 12; x++) expect((await get(`/tiles/osm/6/${x}/20`)).status).toBe(200);
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const bytes = files(cacheDir).reduce((n, f) => n + statSync(f).size, 0);
    expect(bytes).toBeLessThanOrEqual(6 * TILE_BYTES);
    expect(files(cacheDir).length).toBeGreaterThan(0);
    // The first of them was evicted: asking again goes upstream.
    const before = upstream.requests.filter((r) => r === '/osm/6/0/20').length;
    await get('/tiles/osm/6/0/20');
    expect(upstream.requests.filter((r) => r === '/osm/6/0/20')).toHaveLength(before + 1);
  });

  it('is not an open proxy and rejects tiles outside the world', async () => {
    expect((await get('/tiles/evil/1/0/0')).status).toBe(404);
    const outside = await get('/tiles/osm/3/9/1');
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { description: string }).description).toMatch(
      /outside the world/,
    );
    expect((await get('/tiles/osm/a/0/0')).status).toBe(400);
  });

  it('counts on /metrics what it served, and how (the tests above: hits, misses, a failure)', async () => {
    const text = await (await get('/metrics', await signedIn('admin'))).text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : null;
    };
    expect(value('onemap_tiles_total{service="tdt-vec",state="miss"}')).toBe(1);
    expect(value('onemap_tiles_total{service="tdt-vec",state="hit"}')).toBe(1);
    // The tile served while the link was down was still fresh: a hit, not a stale one.
    expect(value('onemap_tiles_total{service="osm",state="hit"}')).toBeGreaterThanOrEqual(1);
    expect(value('onemap_tiles_total{service="osm",state="failed"}')).toBe(1);
    expect(value('onemap_tiles_total{service="osm",state="miss"}')).toBeGreaterThanOrEqual(14);
    const bytes = value('onemap_tile_cache_bytes');
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(6 * TILE_BYTES);
  });
});
