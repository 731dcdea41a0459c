/**
 * `npm run bench:console` — the map console at Kaifeng scale, every layer on, in Debian's
 * Chromium with Mesa llvmpipe (software WebGL2). Not a test: it prints figures, and for the
 * report heatmap a ratio against the naive path (MapLibre GeoJSON `setData`) in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser, testPage } from '../support/browser.ts';
import { ROOT, startGateway } from '../support/gateway.ts';
import { ALL_LAYERS, initialScripts, median } from './bench-util.ts';

const { gateway, url } = await startGateway(['kaifeng'], true);
const browser = await launchBrowser('llvmpipe');

async function rendererOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return ext ? String(gl?.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  });
}

/** Loads the console with every layer and waits for a complete map; returns figures. */
async function coldLoad() {
  const page = await testPage(browser.browser, { width: 1920, height: 1080 });
  // tsx compiles with keepNames, so functions inside page.evaluate call esbuild's __name helper.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${url}/?s=kaifeng&l=${ALL_LAYERS.join(',')}&m=population`);
  await page.waitForFunction(
    () => {
      const h = window.__onemap;
      const counts = [...document.querySelectorAll('[data-testid^="count-"]')].map(
        (e) => e.textContent,
      );
      const loading = counts.some((c) => c.includes('…'));
      return Boolean(
        h &&
        h.map.loaded() &&
        !h.map.isMoving() &&
        h.map.areTilesLoaded() &&
        !loading &&
        h.map.getLayer('risk-points-icon') &&
        h.map.getLayer('camera-wedges-fill'),
      );
    },
    null,
    { timeout: 120_000, polling: 100 },
  );
  const completeMs = await page.evaluate(() => performance.now());
  const metrics = Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
  );
  return {
    page,
    completeMs,
    scriptMs: (metrics.ScriptDuration ?? 0) * 1000,
    taskMs: (metrics.TaskDuration ?? 0) * 1000,
    heapMb: (metrics.JSHeapUsedSize ?? 0) / 2 ** 20,
  };
}

/**
 * Changing the report time window: OneMap slices the time-sorted position buffer and hands deck a
 * new view; the naive path rebuilds GeoJSON for the rows in the window and calls setData on a
 * MapLibre heatmap source. Main-thread milliseconds of each, same rows, same page.
 */
async function timeWindow(page: Page) {
  return page.evaluate(async () => {
    const h = window.__onemap;
    if (!h) throw new Error('no map');
    const buf = await (
      await fetch('/api/scenarios/kaifeng/tables/hazard-reports.bin')
    ).arrayBuffer();
    const view = new DataView(buf);
    const len = view.getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, len))) as {
      rows: number;
      columns: { name: string; offset: number }[];
    };
    const start = Math.ceil((8 + len) / 8) * 8;
    const col = (name: string) => header.columns.find((c) => c.name === name)?.offset ?? 0;
    const time = new Uint32Array(buf, start + col('time'), header.rows);
    const lon = new Int32Array(buf, start + col('lon'), header.rows);
    const lat = new Int32Array(buf, start + col('lat'), header.rows);
    const positions = new Float32Array(header.rows * 2);
    for (let i = 0; i < header.rows; i++) {
      positions[2 * i] = (lon[i] ?? 0) / 1e6;
      positions[2 * i + 1] = (lat[i] ?? 0) / 1e6;
    }
    const lower = (t: number) => {
      let lo = 0;
      let hi = time.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((time[mid] ?? 0) < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const windows: [string, number, number][] = [
      [
        '1 month',
        Date.parse('2021-07-01T00:00:00+08:00') / 1000,
        Date.parse('2021-08-01T00:00:00+08:00') / 1000,
      ],
      [
        '1 year',
        Date.parse('2021-01-01T00:00:00+08:00') / 1000,
        Date.parse('2022-01-01T00:00:00+08:00') / 1000,
      ],
      ['all', 0, 2 ** 32 - 1],
    ];
    const deck = (
      h.overlay as unknown as {
        _deck: { props: { layers: { id: string; clone(p: object): unknown }[] } };
      }
    )._deck;
    const heat = deck.props.layers.find((l) => l.id === 'hazard-reports');
    if (!heat) throw new Error('heatmap layer not on');
    if (!h.map.getSource('naive-reports')) {
      h.map.addSource('naive-reports', {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      });
      h.map.addLayer({
        id: 'naive-reports',
        type: 'heatmap',
        source: 'naive-reports',
        paint: { 'heatmap-opacity': 0 },
      });
    }
    const out: {
      window: string;
      rows: number;
      deckMs: number;
      naiveMs: number;
      naiveIdleMs: number;
    }[] = [];
    for (const [name, from, to] of windows) {
      const a = lower(from);
      const b = lower(to);
      const t0 = performance.now();
      const layer = heat.clone({
        data: {
          length: b - a,
          attributes: { getPosition: { value: positions.subarray(a * 2, b * 2), size: 2 } },
        },
      });
      h.overlay.setProps({
        layers: deck.props.layers.map((l) => (l.id === 'hazard-reports' ? layer : l)) as never,
      });
      h.map.redraw();
      const deckMs = performance.now() - t0;
      const t1 = performance.now();
      const features = [];
      for (let i = a; i < b; i++) {
        features.push({
          type: 'Feature' as const,
          properties: {},
          geometry: {
            type: 'Point' as const,
            coordinates: [positions[2 * i] ?? 0, positions[2 * i + 1] ?? 0],
          },
        });
      }
      (h.map.getSource('naive-reports') as unknown as { setData(d: object): void }).setData({
        type: 'FeatureCollection',
        features,
      });
      const naiveMs = performance.now() - t1;
      await new Promise<void>((resolve) => h.map.once('idle', () => resolve()));
      out.push({ window: name, rows: b - a, deckMs, naiveMs, naiveIdleMs: performance.now() - t1 });
    }
    return out;
  });
}

const loads = [];
let renderer = '';
for (let i = 0; i < 3; i++) {
  const r = await coldLoad();
  renderer ||= await rendererOf(r.page);
  loads.push(r);
  if (i < 2) await r.page.close();
}
const last = loads[loads.length - 1];
if (!last) throw new Error('no load');
const windows = [];
for (let i = 0; i < 3; i++) windows.push(await timeWindow(last.page));

const dist = join(ROOT, 'dist');
const scripts = initialScripts(readFileSync(join(dist, 'index.html'), 'utf8'));
const gz = scripts.reduce((s, f) => s + gzipSync(readFileSync(join(dist, f))).length, 0);

console.log(`renderer: ${renderer}`);
console.log('Kaifeng, every layer on, 1920×1080, 3 cold loads (median):');
console.log(
  `  navigation → complete map   ${median(loads.map((l) => l.completeMs)).toFixed(0)} ms`,
);
console.log(
  `  main-thread script time      ${median(loads.map((l) => l.scriptMs)).toFixed(0)} ms (all tasks ${median(loads.map((l) => l.taskMs)).toFixed(0)} ms)`,
);
console.log(`  JS heap used                 ${median(loads.map((l) => l.heapMb)).toFixed(1)} MB`);
console.log(`  initial JS, gzipped          ${(gz / 1024).toFixed(0)} KiB (${scripts.join(', ')})`);
console.log(
  'Report time window change (median of 3). deck: slice the time-sorted buffer, update and',
);
console.log(
  'render synchronously (the whole map, every layer). naive: build GeoJSON, MapLibre setData;',
);
console.log(
  'its main thread returns early, the worker then tiles it before it reaches the screen.',
);
for (const w of windows[0] ?? []) {
  const runs = windows
    .map((r) => r.find((x) => x.window === w.window))
    .filter((x) => x !== undefined);
  const deckMs = median(runs.map((r) => r.deckMs));
  const naiveMs = median(runs.map((r) => r.naiveMs));
  const idle = median(runs.map((r) => r.naiveIdleMs));
  console.log(
    `  ${w.window.padEnd(8)} ${String(w.rows).padStart(7)} rows   deck on screen ${deckMs.toFixed(1).padStart(6)} ms   ` +
      `naive main thread ${naiveMs.toFixed(1).padStart(6)} ms, on screen ${idle.toFixed(0).padStart(6)} ms   ` +
      `time to screen ${(idle / Math.max(deckMs, 0.01)).toFixed(0)}× faster`,
  );
}
await last.page.close();
await browser.close();
await gateway.close();
