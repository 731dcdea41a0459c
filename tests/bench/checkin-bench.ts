/**
 * `npm run bench` (checkin) — transfer by name at a city's scale: Kaifeng's registers (637,825
 * people, synthetic), and 100,000 of them checked in at 50 shelter doors over an hour of
 * simulated time (compressed SPEEDUP times), each door's phone sending its queue in batches of
 * ten. The gateway runs as `npm start` runs it (its own process); a duty officer's console
 * follows the feed and re-counts its board (every village's tally, and by township) on every
 * batch it receives. Prints check-in → board-updated latency (p50/p99), the gateway's CPU, the
 * console's memory for the roll, and the roll's cost per check-in beside a naive copy of the
 * whole set per event (what the entity collections do) at the same size, in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { io as connect } from 'socket.io-client';
import { signToken } from '../../src/server/access/tokens.ts';
import { loadScenario } from '../../src/server/data/scenario-store.ts';
import { townshipTallies, villageTallies } from '../../src/shared/people/accounting.ts';
import { applyRoll, NO_ROLL, type RollState } from '../../src/shared/people/roll.ts';
import type { CheckIn, CheckinLink, FeedEvent, Shelter } from '../../src/shared/protocol/index.ts';
import { ROOT } from '../support/gateway.ts';
import { startGatewayProcess } from '../support/processes.ts';
import { median, percentile } from './bench-util.ts';

const SECRET = 'checkin-bench-secret-that-is-long-enough-0';
const CHECKINS = Number(process.env.CHECKINS ?? 100_000);
const SPEEDUP = Number(process.env.SPEEDUP ?? 60);
const DOORS = 50;
const BATCH = 10;

const data = loadScenario(join(ROOT, 'fixtures'), 'kaifeng');
const register = data.register;
if (!register || register.rows < CHECKINS) throw new Error('Kaifeng has no register that large');
const shelters = (
  JSON.parse(readFileSync(join(ROOT, 'fixtures', 'kaifeng', 'shelters.json'), 'utf8')) as Shelter[]
).slice(0, DOORS);

const node = await startGatewayProcess({
  SIMULATOR: 'off',
  SCENARIOS: 'kaifeng',
  TOKEN_SECRET: SECRET,
  // CHECKPOINT_EVERY=0 shows what the live state's checkpoints cost the tail.
  CHECKPOINT_EVERY: process.env.CHECKPOINT_EVERY ?? '10000',
});
const pid = node.child.pid ?? 0;
const cpuSeconds = () => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
};
const planner = `Bearer ${await signToken(SECRET, 'bench-planner', 'planner', 3600)}`;
const links: string[] = [];
for (const s of shelters) {
  const res = await fetch(`${node.url}/api/scenarios/kaifeng/checkin-links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: planner },
    body: JSON.stringify({ kind: 'shelter', place: s.id }),
  });
  links.push(((await res.json()) as CheckinLink).token);
}

// The console: follows the feed, applies each check-in, re-counts the board per batch.
const summary = register.summary();
let roll: RollState = NO_ROLL;
const boardAt = new Map<string, number>();
const boardMs: number[] = [];
const desk = connect(node.url, {
  transports: ['websocket'],
  reconnection: false,
  auth: { token: await signToken(SECRET, 'bench-desk', 'duty_officer', 3600) },
});
await new Promise<void>((r) => desk.once('connect', () => r()));
await desk.emitWithAck('feed:subscribe', { scenario: 'kaifeng' });
desk.on('feed:batch', (batch: FeedEvent[]) => {
  const t0 = performance.now();
  const fresh: CheckIn[] = [];
  for (const e of batch)
    if (e.type === 'checkin:arrive') {
      roll = applyRoll(roll, e);
      fresh.push(e.payload);
    }
  if (fresh.length === 0) return;
  townshipTallies(villageTallies(summary, roll));
  const done = performance.now();
  boardMs.push(done - t0);
  for (const c of fresh) boardAt.set(c.scan, done);
});

// The doors: people arrive at a steady rate; each door sends what it has every BATCH scans.
const order = Array.from({ length: register.rows }, (_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor((((i * 2654435761) % 4294967296) / 4294967296) * (i + 1));
  [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
}
const perSecond = (CHECKINS / 3600) * SPEEDUP;
const sentAt = new Map<string, number>();
const cpu0 = cpuSeconds();
const started = performance.now();
let sent = 0;
const inFlight = new Set<Promise<void>>();
for (let b = 0; b * BATCH < CHECKINS; b++) {
  const due = started + ((b * BATCH) / perSecond) * 1000;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const scans = order.slice(b * BATCH, (b + 1) * BATCH).map((row, k) => ({
    id: `bench-${b}-${k}-scan`,
    text: register.at(row).code,
    at: new Date().toISOString(),
  }));
  const now = performance.now();
  for (const s of scans) sentAt.set(s.id, now);
  const p = fetch(`${node.url}/api/checkin/${links[b % DOORS] ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scans }),
  }).then(async (res) => {
    if (!res.ok) throw new Error(`check-in refused: ${res.status} ${await res.text()}`);
    sent += scans.length;
  });
  inFlight.add(p);
  void p.finally(() => inFlight.delete(p));
}
await Promise.all(inFlight);
const until = Date.now() + 30_000;
while (boardAt.size < CHECKINS && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
const wallS = (performance.now() - started) / 1000;
const cpu = cpuSeconds() - cpu0;
desk.close();

const latencies = [...sentAt]
  .map(([id, t]) => (boardAt.get(id) ?? NaN) - t)
  .filter(Number.isFinite);

// The roll against a naive copy-per-event set, at the size the run ended with.
const last = [...roll.entries];
const probe = last.slice(-1_000);
const base = new Map(last.slice(0, -1_000).map((c) => [c.code, c]));
let t = performance.now();
let naive = base;
for (const c of probe) {
  const next = new Map(naive);
  next.set(c.code, c);
  naive = next;
}
const naiveUs = ((performance.now() - t) / probe.length) * 1000;
// The console's memory for the roll: the same check-ins (fresh copies, as parsed off the
// socket) held in a roll alone, heap measured after a GC on either side.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
gc();
const heapBefore = process.memoryUsage().heapUsed;
let held: RollState = NO_ROLL;
for (const c of last)
  held = applyRoll(held, {
    seq: 1,
    time: c.at,
    scenario: 'kaifeng',
    type: 'checkin:arrive',
    payload: structuredClone(c),
  });
gc();
const rollMiB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
if (held.count !== last.length) throw new Error('the rebuilt roll lost check-ins');
let r: RollState = NO_ROLL;
for (const c of last.slice(0, -1_000))
  r = applyRoll(r, { seq: 1, time: c.at, scenario: 'kaifeng', type: 'checkin:arrive', payload: c });
t = performance.now();
for (const c of probe)
  r = applyRoll(r, { seq: 1, time: c.at, scenario: 'kaifeng', type: 'checkin:arrive', payload: c });
const rollUs = ((performance.now() - t) / probe.length) * 1000;

const fmt = (x: number, d = 1) => x.toFixed(d);
console.log(
  `checkin bench: Kaifeng registers ${register.rows.toLocaleString('en')} people (synthetic), ${CHECKINS.toLocaleString('en')} check-ins at ${DOORS} doors over an hour compressed ×${SPEEDUP} (${Math.round(perSecond)}/s), ${new Date().toISOString()}`,
);
console.log(
  `sent ${sent.toLocaleString('en')} in ${fmt(wallS)} s; on the console's board ${latencies.length.toLocaleString('en')}: check-in → board updated p50 ${fmt(median(latencies))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(Math.max(...latencies))} ms; the board's re-count per batch p50 ${fmt(median(boardMs), 2)} ms, p99 ${fmt(percentile(boardMs, 99), 2)} ms`,
);
console.log(
  `gateway CPU ${fmt(cpu)} s over ${fmt(wallS)} s (${fmt((cpu / wallS) * 100, 0)}% of one core) → ${fmt((cpu / sent) * 1e6, 0)} µs per check-in; the console's roll of ${last.length.toLocaleString('en')} takes ${fmt(rollMiB, 1)} MiB of heap`,
);
console.log(
  `per check-in at ${last.length.toLocaleString('en')}: the roll ${fmt(rollUs, 2)} µs; a copy of the set per event ${fmt(naiveUs, 0)} µs (×${fmt(naiveUs / rollUs, 0)}), per batch of ${BATCH} ${fmt(naiveUs / BATCH, 0)} µs a check-in (×${fmt(naiveUs / BATCH / rollUs, 0)})`,
);
await node.stop();
