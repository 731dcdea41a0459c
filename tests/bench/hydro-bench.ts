/**
 * 水雨情 at a city's scale: 1,000 stations (Kaifeng's 303 and 697 more rain gauges beside its
 * own, each watching the same villages) reporting every 5 minutes through the gateway's intake
 * (stored once, rules evaluated, firings and warnings published), then a burst of an hour of
 * reports from all of them at once. Prints intake throughput, the rules' cost per observation
 * (p50/p99) beside a naive evaluation that re-reads each station's last day from the store and
 * re-sums every window, and the time from an RTU's SL 651 frame on the wire to the firing on a
 * console's socket.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { HydroRuleEngine } from '../../src/shared/hydro/rules/engine.ts';
import { encodeFrame } from '../../src/shared/hydro/sl651/frame.ts';
import {
  DEFAULT_HYDRO_RULES,
  type HydroRule,
  type Observation,
  type Station,
} from '../../src/shared/protocol/index.ts';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { ObservationStore } from '../../src/server/hydro/observation-store.ts';
import { ROOT, startGateway } from '../support/gateway.ts';
import { hourlyReport, rtu } from '../support/rtu.ts';
import { median, percentile } from './bench-util.ts';

const STATIONS = 1_000;
const STEP = 300_000;

// A data directory: Kaifeng as generated, with 1,000 stations.
const source = join(ROOT, 'fixtures', 'kaifeng');
const dir = mkdtempSync(join(tmpdir(), 'onemap-hydro-bench-'));
const jurisdiction = join(dir, 'kaifeng');
symlinkSync(join(ROOT, 'fixtures', 'basemap'), join(dir, 'basemap'));
await import('node:fs/promises').then((fs) => fs.mkdir(jurisdiction));
for (const f of readdirSync(source))
  if (f !== 'stations.json') symlinkSync(join(source, f), join(jurisdiction, f));
const own = JSON.parse(readFileSync(join(source, 'stations.json'), 'utf8')) as Station[];
const gauges = own.filter((s) => s.kind === 'rain');
const extra: Station[] = Array.from({ length: STATIONS - own.length }, (_, i) => {
  const g = gauges[i % gauges.length];
  if (!g) throw new Error('no rain gauges in Kaifeng');
  const [x, y] = g.position;
  return {
    ...g,
    id: `STB${String(i).padStart(5, '0')}`,
    code: `5${String(i).padStart(7, '0')}`,
    name: `测试${i}号雨量站`,
    position: [x + 0.01 * Math.sin(i), y + 0.01 * Math.cos(i)],
  };
});
writeFileSync(join(jurisdiction, 'stations.json'), JSON.stringify([...own, ...extra]));

const { gateway, url } = await startGateway(['kaifeng'], false, {
  dataDir: dir,
  sl651: { port: 0, host: '127.0.0.1', password: 0x1234 },
});
const stations = (
  gateway.scenarios.get('kaifeng')?.collections.get('stations') as EntityCollection<'stations'>
).entities;
if (stations.length !== STATIONS) throw new Error(`${stations.length} stations, not ${STATIONS}`);

// Gauges kept dry all day: at the end, one heavy report each opens a firing to time.
const quiet = new Set(
  stations
    .filter((s) => s.kind === 'rain' && s.code.startsWith('5'))
    .slice(0, 40)
    .map((s) => s.code),
);

/** What every station reports for the 5 minutes ending at `t`: storms passing over the day. */
function cycle(t: number, k: number): Observation[] {
  const time = new Date(t).toISOString();
  return stations.map((s, i): Observation => {
    const wave = quiet.has(s.code) ? 0 : Math.max(0, Math.sin((k + i) / 40)) * 4;
    if (s.kind === 'rain')
      return {
        station: s.code,
        element: 'rain',
        time,
        value: Math.round(wave * 10) / 10,
        periodMin: 5,
      };
    if (s.kind === 'waterlogging')
      return { station: s.code, element: 'depth', time, value: Math.round(wave * 5) / 100 };
    const base = s.levels?.warning ?? s.levels?.floodLimit ?? 100;
    return {
      station: s.code,
      element: 'level',
      time,
      value: Math.round((base - 1 + wave / 4) * 100) / 100,
    };
  });
}

const start = Math.floor(Date.now() / STEP) * STEP - 24 * 3_600_000;
const desk = gateway.desk;

// Steady: a day of 5-minute cycles, each the whole network's reports in one intake call.
const cycles: number[] = [];
for (let k = 0; k < 276; k++) {
  const batch = cycle(start + k * STEP, k);
  const t0 = performance.now();
  await desk.receive('kaifeng', batch, 'bench');
  cycles.push(performance.now() - t0);
  if (k % 48 === 0) console.error(`cycle ${k}: ${cycles.at(-1)?.toFixed(0)} ms`);
}
const steadyObs = STATIONS * cycles.length;
const steadyMs = cycles.reduce((a, b) => a + b, 0);

// Burst: the last hour (12 cycles) of every station arriving at once, one call.
const burst: Observation[] = [];
for (let k = 276; k < 288; k++) burst.push(...cycle(start + k * STEP, k));
const b0 = performance.now();
await desk.receive('kaifeng', burst, 'bench');
const burstMs = performance.now() - b0;

// The rules alone, per observation: the incremental engine, and a naive evaluation that reads
// the station's last day back from the store and sums each window again (what "scanning
// history" costs), on the same observations.
const rules: readonly HydroRule[] = DEFAULT_HYDRO_RULES;
const engine = new HydroRuleEngine(stations, rules);
const naiveStore = new ObservationStore(':memory:');
const incremental: number[] = [];
const naive: number[] = [];
const sameSet: number[] = [];
let naiveFired = 0;
const byCode = new Map(stations.map((s) => [s.code, s]));
for (let k = 0; k < 288; k++) {
  const batch = cycle(start + k * STEP, k);
  naiveStore.add('kaifeng', batch);
  for (const o of batch) {
    const t0 = performance.now();
    engine.observe(o);
    const took = performance.now() - t0;
    incremental.push(took);
    // The naive path is timed on the last hour's rain (a full day behind it), and so is this one.
    if (k < 276 || o.element !== 'rain') continue;
    sameSet.push(took);
    const t1 = performance.now();
    const s = byCode.get(o.station);
    const at = Date.parse(o.time);
    const series = naiveStore.series('kaifeng', o.station, at - 24 * 3_600_000);
    let fired = 0;
    for (const r of rules) {
      const hours = r.kind === 'rain' ? [r.windowH] : r.kind === 'village' ? [1, 3, 24] : [];
      for (const h of hours) {
        let mm = 0;
        for (const x of series) if (Date.parse(x.time) > at - h * 3_600_000) mm += x.value;
        for (const w of r.kind === 'village' ? (s?.watches ?? []) : [null]) {
          const limit = r.kind === 'rain' ? r.mm : (w?.prepare.h1 ?? Infinity);
          if (mm >= limit) fired++;
        }
      }
    }
    naive.push(performance.now() - t1);
    naiveFired += fired;
  }
}

// From an RTU's frame to the firing on a console: a socket follows the feed; heavy rain in
// one report of a gauge that was dry opens its 短时强降水 firing.
const client = io(url, { transports: ['websocket'] });
await client.emitWithAck('feed:subscribe', { scenario: 'kaifeng' });
const rtuLink = await rtu(gateway.sl651Port());
const latencies: number[] = [];
for (const [n, s] of stations.filter((x) => quiet.has(x.code)).entries()) {
  const seen = new Promise<number>((resolve) => {
    const on = (events: { type: string; payload: { stationCode?: string } }[]) => {
      if (events.some((e) => e.type === 'firing:open' && e.payload.stationCode === s.code)) {
        client.off('feed:batch', on);
        resolve(performance.now());
      }
    };
    client.on('feed:batch', on);
  });
  const frame = encodeFrame(
    hourlyReport(s.code, n + 1, { amounts: Array(12).fill(30), levelMm: 0 }),
  );
  const sent = performance.now();
  rtuLink.send(frame);
  const late = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no firing for ${s.code} within 10 s`)), 10_000).unref(),
  );
  latencies.push((await Promise.race([seen, late])) - sent);
}
rtuLink.socket.destroy();
client.close();

const fmt = (x: number, d = 3) => x.toFixed(d);
console.log(
  `hydro bench: ${STATIONS} stations (Kaifeng sample + synthetic gauges), ${new Date().toISOString()}`,
);
console.log(
  `steady: ${cycles.length} five-minute cycles, ${steadyObs.toLocaleString('en')} observations in ${fmt(steadyMs / 1000, 2)} s → ${Math.round(steadyObs / (steadyMs / 1000)).toLocaleString('en')} obs/s; a cycle of ${STATIONS} median ${fmt(median(cycles), 1)} ms, p99 ${fmt(percentile(cycles, 99), 1)} ms, max ${fmt(Math.max(...cycles), 1)} ms`,
);
console.log(
  `burst: ${burst.length.toLocaleString('en')} observations (an hour of every station) at once in ${fmt(burstMs, 0)} ms → ${Math.round(burst.length / (burstMs / 1000)).toLocaleString('en')} obs/s`,
);
console.log(
  `rules per observation: incremental p50 ${fmt(median(incremental) * 1000, 1)} µs, p99 ${fmt(percentile(incremental, 99) * 1000, 1)} µs over all ${incremental.length.toLocaleString('en')}; on the last hour's rain (a day behind it) p50 ${fmt(median(sameSet) * 1000, 1)} µs, p99 ${fmt(percentile(sameSet, 99) * 1000, 1)} µs beside naive (re-read the day, re-sum each window) p50 ${fmt(median(naive) * 1000, 1)} µs, p99 ${fmt(percentile(naive, 99) * 1000, 1)} µs → ×${fmt(median(naive) / median(sameSet), 0)} at the median (naive saw ${naiveFired.toLocaleString('en')} crossings)`,
);
console.log(
  `SL 651 frame → firing on a console socket (${latencies.length} gauges): p50 ${fmt(median(latencies), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms, max ${fmt(Math.max(...latencies), 1)} ms`,
);
await gateway.close();
naiveStore.close();
rmSync(dir, { recursive: true, force: true });
