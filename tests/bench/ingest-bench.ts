/**
 * Client ingest at Kaifeng scale: the gateway streams grid-member positions (binary
 * `positions:frame`s, 20,000 updates a second across the 32,000 members) to the real console
 * in Debian's Chromium (Mesa llvmpipe). Prints main-thread milliseconds per animation frame for
 * OneMap's path (frames copied into a columnar store, deck.gl binary attributes re-uploaded at
 * most once per frame) beside the naive path in the same page and the same stream (a
 * FeatureCollection rebuilt and handed to a MapLibre GeoJSON source with `setData` once per
 * frame). Each is measured over a baseline in which the map repaints every frame with no
 * stream, so what remains is the cost of the updates, not of drawing the map in software GL.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, testPage } from '../support/browser.ts';
import { startGateway } from '../support/gateway.ts';

const RATE = 20_000;
const TICK_MS = 50;
const SECONDS = 10;

const { gateway, url } = await startGateway(['kaifeng'], true);
const telemetry = gateway.hub.telemetry.get('kaifeng');
if (!telemetry) throw new Error('no kaifeng telemetry');
const browser = await launchBrowser('llvmpipe');

/** Streams RATE updates/s (random members, small steps) until stopped. */
function stream(): () => void {
  const perTick = (RATE * TICK_MS) / 1000;
  let n = 0;
  const timer = setInterval(() => {
    const indices = new Uint32Array(perTick);
    const positions = new Float32Array(perTick * 2);
    for (let k = 0; k < perTick; k++) {
      const i = (n++ * 7919) % (telemetry?.count ?? 1);
      indices[k] = i;
      positions[k * 2] = (telemetry?.home[i * 2] ?? 0) + Math.sin(n) * 3e-4;
      positions[k * 2 + 1] = (telemetry?.home[i * 2 + 1] ?? 0) + Math.cos(n) * 3e-4;
    }
    telemetry?.move(indices, positions);
  }, TICK_MS);
  return () => clearInterval(timer);
}

/** Main-thread task and script ms per rendered frame over `seconds`. */
async function measure(page: Page, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    );
  // Count frames, and repaint the map on every one (as a moving stream makes it do anyway).
  await page.evaluate(() => {
    const w = window as unknown as { __frames?: number };
    if (w.__frames !== undefined) return;
    w.__frames = 0;
    const tick = () => {
      w.__frames = (w.__frames ?? 0) + 1;
      window.__onemap?.map.triggerRepaint();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const ingest = () =>
    page.evaluate(() => {
      const w = window as unknown as { __ingestMs?: number; __onemap?: { overlay: unknown } };
      // deck.gl's own cumulative timers of attribute updates and setProps.
      const stats = (
        w.__onemap?.overlay as
          | { _deck?: { stats: { get(n: string): { time: number } } } }
          | undefined
      )?._deck?.stats;
      return (
        (w.__ingestMs ?? 0) +
        (stats ? stats.get('Update Attributes').time + stats.get('setProps Time').time : 0)
      );
    });
  const before = await read();
  const i0 = await ingest();
  const f0 = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
  // (a settled count: the first call above may have just started the loop)
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = await read();
  const i1 = await ingest();
  const f1 = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
  const frames = Math.max(1, f1 - f0);
  await cdp.detach();
  return {
    frames,
    fps: frames / seconds,
    taskMs: (((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000) / frames,
    scriptMs: (((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000) / frames,
    ingestMs: (i1 - i0) / frames,
  };
}

async function openConsole(gridLayer: boolean): Promise<Page> {
  const page = await testPage(browser.browser, { width: 1920, height: 1080 });
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const layers = gridLayer ? 'townships,grid-members' : 'townships';
  await page.goto(`${url}/?s=kaifeng&l=${layers}&m=none&c=114.33,34.79,13`);
  await page.waitForFunction(
    () => {
      const h = window.__onemap;
      const store = window.__onemapPositions?.get('kaifeng');
      return Boolean(h && h.map.loaded() && !h.map.isMoving() && store && store.count > 30_000);
    },
    null,
    { timeout: 120_000, polling: 200 },
  );
  await new Promise((r) => setTimeout(r, 2_000));
  return page;
}

/** The naive path: on every frame with news, all members as GeoJSON into a MapLibre source. */
async function startSetData(page: Page): Promise<void> {
  await page.evaluate(() => {
    const h = window.__onemap;
    const store = window.__onemapPositions?.get('kaifeng');
    if (!h || !store) throw new Error('no map or store');
    const features = (): GeoJSON.FeatureCollection => {
      const out: GeoJSON.Feature[] = [];
      for (let i = 0; i < store.count; i++)
        out.push({
          type: 'Feature',
          properties: { i },
          geometry: {
            type: 'Point',
            coordinates: [store.positions[i * 2] ?? 0, store.positions[i * 2 + 1] ?? 0],
          },
        });
      return { type: 'FeatureCollection', features: out };
    };
    h.map.addSource('bench-grid', { type: 'geojson', data: features() });
    h.map.addLayer({
      id: 'bench-grid',
      type: 'circle',
      source: 'bench-grid',
      paint: { 'circle-radius': 3, 'circle-color': '#7dd3fc' },
    });
    let seen = store.version;
    const tick = () => {
      if (store.version !== seen) {
        seen = store.version;
        const t = performance.now();
        (h.map.getSource('bench-grid') as unknown as { setData(d: unknown): void }).setData(
          features(),
        );
        const w = window as unknown as { __ingestMs?: number };
        w.__ingestMs = (w.__ingestMs ?? 0) + performance.now() - t;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Times the store's apply (decoding is the socket's and tiny: two typed-array views). */
async function instrumentStore(page: Page): Promise<void> {
  await page.evaluate(() => {
    const store = window.__onemapPositions?.get('kaifeng');
    const w = window as unknown as { __ingestMs?: number };
    if (!store) throw new Error('no store');
    const apply = store.apply.bind(store);
    store.apply = (frame) => {
      const t = performance.now();
      const ok = apply(frame);
      w.__ingestMs = (w.__ingestMs ?? 0) + performance.now() - t;
      return ok;
    };
  });
}

const ours = await openConsole(true);
await instrumentStore(ours);
const oursIdle = await measure(ours, 5);
await ours.screenshot({ path: 'test-results/bench-ingest-before.png' });
let stop = stream();
const oursBusy = await measure(ours, SECONDS);
// Look at these: the dots must have moved (and none vanished) while the stream ran.
await ours.screenshot({ path: 'test-results/bench-ingest-streaming.png' });
stop();
await ours.close();

const naive = await openConsole(false);
await startSetData(naive);
const naiveIdle = await measure(naive, 5);
stop = stream();
const naiveBusy = await measure(naive, SECONDS);
stop();
await naive.close();

const fmt = (m: { taskMs: number; scriptMs: number; ingestMs: number; fps: number }) =>
  `${m.ingestMs.toFixed(2)} ms in the update path, ${m.taskMs.toFixed(2)} ms task, ${m.scriptMs.toFixed(2)} ms script per frame at ${m.fps.toFixed(1)} frames/s`;
const oursCost = oursBusy.taskMs - oursIdle.taskMs;
const naiveCost = naiveBusy.taskMs - naiveIdle.taskMs;
console.log(
  `client ingest: ${telemetry.count.toLocaleString('en')} grid members, ${RATE.toLocaleString('en')} position updates/s in binary frames every ${TICK_MS} ms (llvmpipe, 1920×1080, zoom 13)`,
);
console.log(`  OneMap (columnar store → deck.gl binary attributes)  repaint only ${fmt(oursIdle)}`);
console.log(`                                                   streaming    ${fmt(oursBusy)}`);
console.log(`  naive (GeoJSON setData once per frame)              repaint only ${fmt(naiveIdle)}`);
console.log(`                                                   streaming    ${fmt(naiveBusy)}`);
console.log(
  `  update path per frame (timed in the page: store apply + deck setProps + attribute uploads; naive: GeoJSON build + setData call): ` +
    `OneMap ${oursBusy.ingestMs.toFixed(2)} ms, setData ${naiveBusy.ingestMs.toFixed(2)} ms, ratio ${(naiveBusy.ingestMs / Math.max(0.001, oursBusy.ingestMs)).toFixed(1)}×`,
);
console.log(
  `  main-thread cost per frame (task time streaming − repaint only): OneMap ${oursCost.toFixed(2)} ms, setData ${naiveCost.toFixed(2)} ms, ratio ${(naiveCost / Math.max(0.01, oursCost)).toFixed(1)}×`,
);
await browser.close();
await gateway.close();
