/**
 * Compressed soak: the gateway as `npm start` runs it (its own process, simulator at SIM_SPEED
 * simulated seconds per second, Kaifeng) with the console open on Kaifeng in Debian's Chromium
 * (incidents, teams and live grid members on), for SOAK_MINUTES real minutes. Samples the
 * gateway's heap and RSS (its /metrics) and the page's JS heap after a forced GC and its DOM
 * node count, and prints them after warm-up and at the end, with the change per hour.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, testPage } from '../support/browser.ts';
import { startGatewayProcess } from '../support/processes.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SPEED = Number(process.env.SIM_SPEED ?? 600);
const WARM_UP_MINUTES = Math.min(5, MINUTES / 4);
const SAMPLE_S = 20;

const dir = mkdtempSync(join(tmpdir(), 'onemap-soak-'));
const METRICS_KEY = 'soak-bench-metrics-key-0123456789';
const gateway = await startGatewayProcess({
  SCENARIOS: 'kaifeng',
  SIMULATOR: 'on',
  SIM_SPEED: String(SPEED),
  EVENT_DB: join(dir, 'events.sqlite'),
  // /metrics is for monitoring's key (or an admin), like on a bureau's network.
  API_KEYS: JSON.stringify([{ name: 'prometheus', channels: ['metrics'], key: METRICS_KEY }]),
});
const browser = await launchBrowser('llvmpipe');
const page = await testPage(browser.browser, { width: 1920, height: 1080 });
await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
await page.goto(
  `${gateway.url}/?s=kaifeng&l=townships,incidents,teams,grid-members&c=114.33,34.79,13`,
);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');

interface Sample {
  minute: number;
  seq: number;
  gatewayHeapMb: number;
  gatewayRssMb: number;
  pageHeapMb: number;
  pageNodes: number;
}

async function sample(minute: number): Promise<Sample> {
  const res = await fetch(`${gateway.url}/metrics`, { headers: { 'x-api-key': METRICS_KEY } });
  // A refused read would sample nothing and print NaN: stop instead.
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const text = await res.text();
  const metric = (name: string) =>
    Number(text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+]+)$`, 'm'))?.[1] ?? NaN);
  await cdp.send('HeapProfiler.collectGarbage');
  const m = Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]),
  );
  return {
    minute,
    seq: metric('onemap_event_seq'),
    gatewayHeapMb: metric('onemap_nodejs_heap_size_used_bytes') / 2 ** 20,
    gatewayRssMb: metric('onemap_process_resident_memory_bytes') / 2 ** 20,
    pageHeapMb: (m.JSHeapUsedSize ?? 0) / 2 ** 20,
    pageNodes: m.Nodes ?? 0,
  };
}

const samples: Sample[] = [];
const start = Date.now();
while (Date.now() - start < MINUTES * 60_000) {
  await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
  const s = await sample((Date.now() - start) / 60_000);
  samples.push(s);
  if (process.env.VERBOSE) console.log(JSON.stringify(s));
}

/** The gateway's heap between collections: the lowest of a window's samples. */
const window = (from: number, to: number) =>
  samples.filter((s) => s.minute >= from && s.minute <= to);
const low = (xs: Sample[], k: keyof Sample) => Math.min(...xs.map((s) => s[k]));
const warm = window(WARM_UP_MINUTES, WARM_UP_MINUTES + 3);
const end = window(MINUTES - 3, MINUTES);
const hours = (MINUTES - WARM_UP_MINUTES) / 60;
const row = (label: string, k: keyof Sample, unit: string) => {
  const a = low(warm, k);
  const b = low(end, k);
  console.log(
    `  ${label.padEnd(34)} ${a.toFixed(1).padStart(8)} → ${b.toFixed(1).padStart(8)} ${unit}  (${((b - a) / hours).toFixed(1)} ${unit}/h)`,
  );
};
const simHours = (MINUTES * SPEED) / 60;
console.log(
  `soak: ${MINUTES} min at ${SPEED}× = ${simHours.toFixed(0)} simulated hours of Kaifeng, ` +
    `${(samples.at(-1)?.seq ?? 0).toLocaleString('en')} events; after ${WARM_UP_MINUTES} min warm-up → end (lowest sample of each 3-min window)`,
);
row('gateway heap used', 'gatewayHeapMb', 'MB');
row('gateway RSS', 'gatewayRssMb', 'MB');
row('console JS heap (after GC)', 'pageHeapMb', 'MB');
row('console DOM nodes', 'pageNodes', 'nodes');
await browser.close();
await gateway.stop();
rmSync(dir, { recursive: true, force: true });
