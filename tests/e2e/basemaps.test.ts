import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { wgsToGcj } from '../../src/shared/geo/gcj02.ts';
import { openApp, pixelOf } from '../support/app-page.ts';
import type { WithMap } from '../support/map-handle.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { countColour, shotPath } from '../support/screenshots.ts';
import { startTileServer, tilePng } from '../support/tile-server.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Stand-ins for OSM and Gaode on loopback (no internet here): OSM tiles are flat orange;
// Gaode's are light grey with a red square where the first Erqi shelter is *in GCJ-02*, as
// a real Gaode tile would draw that place.
const OSM: [number, number, number] = [230, 120, 40];
const RED: [number, number, number] = [230, 0, 0];
// The place every stand-in marks: the first Erqi shelter (WGS-84), set before the tiles are asked.
let marker: [number, number] = [0, 0];
const LABEL_SERVICES = new Set(['tdt-cva', 'tdt-cia', 'gaode-sat-labels']);

/** Transparent, as label layers are between their labels. */
function emptyTile(): Buffer {
  return PNG.sync.write(new PNG({ width: 256, height: 256 }));
}

function markerTile(z: number, x: number, y: number, at: [number, number]): Buffer {
  const png = new PNG({ width: 256, height: 256 });
  const world = 256 * 2 ** z;
  const [lon, lat] = at;
  const px = ((lon + 180) / 360) * world - x * 256;
  const r = (lat * Math.PI) / 180;
  const py = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * world - y * 256;
  for (let j = 0; j < 256; j++)
    for (let i = 0; i < 256; i++) {
      const k = (j * 256 + i) * 4;
      // Bigger than the shelter's dot, so a red ring shows round it when both are in place.
      const inside = Math.abs(i - px) <= 16 && Math.abs(j - py) <= 16;
      const [cr, cg, cb] = inside ? RED : [235, 235, 235];
      png.data[k] = cr;
      png.data[k + 1] = cg;
      png.data[k + 2] = cb;
      png.data[k + 3] = 255;
    }
  return PNG.sync.write(png);
}

// The stand-ins start before the gateway that proxies them.
const upstream = await startTileServer((_s, z, x, y) => tilePng(z, x, y, OSM));
// Base layers mark the shelter where that service's datum puts it; label layers are empty.
const services = await startTileServer((service, z, x, y) =>
  LABEL_SERVICES.has(service)
    ? emptyTile()
    : markerTile(z, x, y, service.startsWith('gaode') ? wgsToGcj(marker) : marker),
);
const suite = browserSuite(['erqi'], {
  tiles: {
    cacheDir: mkdtempSync(join(tmpdir(), 'onemap-e2e-tiles-')),
    cacheBytes: 64 * 1024 * 1024,
    timeoutMs: 2_000,
    tiandituKey: 'test-key',
    styleUrl: `${services.url}/style.json`,
    upstreams: {
      osm: `${upstream.url}/osm/{z}/{x}/{y}`,
      ...Object.fromEntries(
        [
          'tdt-vec',
          'tdt-cva',
          'tdt-img',
          'tdt-cia',
          'gaode-road',
          'gaode-sat',
          'gaode-sat-labels',
        ].map((id) => [id, `${services.url}/${id}/{z}/{x}/{y}?tk={key}`]),
      ),
    },
  },
});
afterAll(async () => {
  await upstream.close();
  await services.close();
});

/** Centre of the pixels of one colour in a screenshot. */
function centroid(png: Buffer, rgb: [number, number, number], tol = 30) {
  const img = PNG.sync.read(png);
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const k = (y * img.width + x) * 4;
      if (
        Math.abs((img.data[k] ?? 0) - rgb[0]) <= tol &&
        Math.abs((img.data[k + 1] ?? 0) - rgb[1]) <= tol &&
        Math.abs((img.data[k + 2] ?? 0) - rgb[2]) <= tol
      ) {
        sx += x;
        sy += y;
        n++;
      }
    }
  return { x: sx / Math.max(1, n), y: sy / Math.max(1, n), n };
}

describe('basemaps', () => {
  it('starts on the offline vector basemap baked from the fixtures, with no request off the machine', async () => {
    const { page, requests } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&c=113.63,34.73,13',
    );
    try {
      await expect(page.locator('select[name="basemap"]').inputValue()).resolves.toBe('vector');
      const roads = await page.evaluate(
        () =>
          (globalThis as WithMap).__onemap?.map.queryRenderedFeatures({
            layers: ['basemap-vector-roads-major_road'],
          }).length ?? 0,
      );
      expect(roads).toBeGreaterThan(10);
      const png = await page.screenshot({ path: shotPath('basemap-vector-erqi') });
      // The vector basemap's dark earth fills the district.
      expect(countColour(png, [0x0b, 0x16, 0x28], 3)).toBeGreaterThan(50_000);
      const origin = new URL(suite.base).origin;
      const off = requests.filter(
        (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin,
      );
      expect(off).toEqual([]);
      expect(requests.some((u) => u.endsWith('/basemap/erqi.pmtiles'))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('draws OpenStreetMap tiles through the gateway, and says so when they fail', async () => {
    const { page, requests } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&t=light&b=osm&l=townships',
    );
    try {
      const png = await page.screenshot({ path: shotPath('basemap-osm-light') });
      expect(countColour(png, OSM, 6)).toBeGreaterThan(200_000);
      // The browser only ever asked the gateway.
      expect(requests.filter((u) => u.includes('/tiles/osm/')).length).toBeGreaterThan(0);
      expect(upstream.requests.length).toBeGreaterThan(0);
      upstream.failing.on = true;
      // Somewhere never fetched before: nothing cached, upstream down.
      await page.evaluate(() =>
        (globalThis as WithMap).__onemap?.map.jumpTo({ center: [113.6, 34.7], zoom: 16 }),
      );
      await page.getByTestId('basemap-error').waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('basemap-error').textContent()).resolves.toContain(
        '底图瓦片加载失败',
      );
      // The link comes back: as tiles load again (the map moving on), the warning goes.
      upstream.failing.on = false;
      let step = 0;
      await expect
        .poll(
          async () => {
            step++;
            await page.evaluate(
              (lon) =>
                (globalThis as WithMap).__onemap?.map.jumpTo({ center: [lon, 34.72], zoom: 15 }),
              113.55 + step * 0.02,
            );
            return page.getByTestId('basemap-error').count();
          },
          // Generous: on a loaded machine the last failed tiles report late, and the warning
          // waits for three quiet seconds after the last of them.
          { timeout: 60_000, interval: 1_500 },
        )
        .toBe(0);
    } finally {
      upstream.failing.on = false;
      await page.close();
    }
  });

  // Each preset: its tiles come through (the red mark), the shelter's dot sits on the mark
  // (tiles and data line up, GCJ-02 or not), and clicking the mark selects that shelter.
  for (const preset of ['tianditu-vec', 'tianditu-img', 'gaode', 'gaode-sat', 'custom']) {
    it(`${preset}: tiles and data line up, and a click on the place picks the shelter`, async () => {
      const data = suite.gateway.scenarios.get('erqi');
      const shelter = (data?.collections.get('shelters') as EntityCollection<'shelters'>)
        .entities[0];
      if (!shelter) throw new Error('no shelter');
      marker = shelter.position;
      const [lon, lat] = shelter.position;
      const { page } = await openApp(
        suite.browser.browser,
        suite.base,
        `/?s=erqi&t=light&b=${preset}&l=shelters&c=${lon},${lat},16`,
      );
      try {
        await expect(page.locator('select[name="basemap"]').inputValue()).resolves.toBe(preset);
        const png = await page.screenshot({ path: shotPath(`basemap-${preset}`) });
        // (the township tint over the basemap lightens the red a little)
        const red = centroid(png, RED, 60);
        expect(red.n).toBeGreaterThan(60);
        // The shelter's dot sits in the middle of the red square: the pixel there is the dot's
        // colour, not the tile's red.
        const img = PNG.sync.read(png);
        const k = (Math.round(red.y) * img.width + Math.round(red.x)) * 4;
        const [r = 0, g = 0, b = 0] = [img.data[k], img.data[k + 1], img.data[k + 2]];
        expect(Math.abs(r - RED[0]) + g + b).toBeGreaterThan(120);
        expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeGreaterThan(40);
        if (preset.startsWith('gaode')) {
          // Unshifted, the shelter would sit far from Gaode's mark (about 500 m away).
          const unshifted = await pixelOf(page, shelter.position);
          expect(Math.hypot(unshifted.x - red.x, unshifted.y - red.y)).toBeGreaterThan(40);
        }
        await page.mouse.click(red.x, red.y);
        await expect(page.getByTestId('details').textContent()).resolves.toContain(shelter.name);
      } finally {
        await page.close();
      }
    });
  }
});
