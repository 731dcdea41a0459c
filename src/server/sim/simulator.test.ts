import { fileURLToPath } from 'node:url';
import type { GatewayServer } from '../socket/gateway-io.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityCollection } from '../data/collection.ts';
import { loadScenario } from '../data/scenario-store.ts';
import { SqliteEventStore } from '../feed/sqlite-event-store.ts';
import { FeedHub } from '../feed/feed-hub.ts';
import { Rejections } from '../metrics.ts';
import { OFF_ROAD_KMH } from '../../shared/routing/road-graph.ts';
import type { HiddenHazard } from '../../shared/protocol/index.ts';
import { Simulator } from './simulator.ts';

const fixtures = fileURLToPath(new URL('../../../fixtures', import.meta.url));
/** Broadcasting is not under test here: a room that drops what it is sent. */
const quietIo = {
  to: () => ({ emit: () => true }),
  sockets: { adapter: { rooms: new Map() } },
} as unknown as GatewayServer;

/** Within ~15 m of a polyline (equirectangular metres). */
function nearLine(p: [number, number], line: [number, number][]): boolean {
  const kx = 111_320 * Math.cos((p[1] * Math.PI) / 180);
  const ky = 110_574;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1] ?? [0, 0];
    const [bx, by] = line[i] ?? [0, 0];
    const dx = (bx - ax) * kx;
    const dy = (by - ay) * ky;
    const px = (p[0] - ax) * kx;
    const py = (p[1] - ay) * ky;
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy || 1)));
    if (Math.hypot(px - t * dx, py - t * dy) < 15) return true;
  }
  return false;
}

/** A fresh Erqi exercise on an in-memory log, its teams following the roads. */
async function exercise(seed: number, incidentsPerHour: number) {
  const data = loadScenario(fixtures, 'erqi');
  const rejections = new Rejections();
  const log = new SqliteEventStore(':memory:');
  const hub = await FeedHub.open(log, new Map([['erqi', data]]), quietIo, rejections);
  const townships = (data.collections.get('townships') as EntityCollection<'townships'>).entities;
  const simulator = (s: number, perHour: number) =>
    new Simulator(
      hub,
      'erqi',
      townships,
      { speed: 1, seed: s, incidentsPerHour: perHour },
      data.roads,
      (data.collections.get('grid-members') as EntityCollection<'grid-members'>).entities,
    );
  return { data, rejections, log, hub, sim: simulator(seed, incidentsPerHour), simulator };
}

describe('simulator', () => {
  it("makes grid members' hidden-hazard reports at the history's rate and works them through their lifecycle", async () => {
    const { data, rejections, log, hub, sim } = await exercise(3, 0.01);
    for (let m = 0; m < 5 * 24 * 60; m++) await sim.advance(60_000);
    const events = log.sinceNow(0, 1_000_000);
    const reports = events
      .filter((e) => e.type === 'hazard:report')
      .map((e) => e.payload as HiddenHazard);
    // Erqi's history: 21,000 in a year, ~58 a day.
    expect(reports.length).toBeGreaterThan(5 * 40);
    expect(reports.length).toBeLessThan(5 * 80);
    expect(rejections.total()).toBe(0);
    const members = new Map(
      (data.collections.get('grid-members') as EntityCollection<'grid-members'>).entities.map(
        (m) => [m.id, m],
      ),
    );
    for (const r of reports) {
      const m = members.get(r.reportedBy ?? '');
      expect(m?.online).toBe(true);
      expect(r.townshipCode).toBe(m?.townshipCode);
    }
    const reached = new Set(
      events
        .filter((e) => e.type === 'hazard:update')
        .map((e) => (e.payload as HiddenHazard).status),
    );
    expect([...reached].sort()).toEqual([
      'closed',
      'rectification_assigned',
      'rectified',
      'verified',
    ]);
    // The KPI deltas count every report once.
    const live = hub.live.get('erqi');
    const counted = [...(live?.hazardDelta.values() ?? [])].reduce((n, d) => n + d.reports, 0);
    expect(counted).toBe(reports.length);
  });

  it('drives the teams of exercise incidents a person dispatched, and never touches a real incident’s', async () => {
    const { hub, sim } = await exercise(4, 0.01);
    const now = new Date().toISOString();
    const incident = (id: string, exercise: boolean, teamId: string) => ({
      id,
      type: 'fire' as const,
      severity: 'III' as const,
      status: 'dispatched' as const,
      title: id,
      description: '',
      position: [113.64, 34.74] as [number, number],
      address: '',
      countyCode: '410103',
      townshipCode: '410103012',
      villageCode: null,
      reportedAt: now,
      updatedAt: now,
      assignedTeamIds: [teamId],
      source: 'phone' as const,
      exercise,
      sensitive: false,
    });
    for (const [id, exercise, team] of [
      ['DRILL-1', true, 'TM0010'],
      ['REAL-1', false, 'TM0011'],
    ] as const) {
      await hub.publish('erqi', 'team:status', { id: team, status: 'dispatched' });
      await hub.publish('erqi', 'incident:open', incident(id, exercise, team));
    }
    const live = hub.live.get('erqi');
    const real = live?.teams.get('TM0011');
    for (let m = 0; m < 6 * 60; m++) await sim.advance(60_000);
    expect(live?.incidents.get('DRILL-1')?.status).not.toBe('dispatched');
    expect(live?.incidents.get('REAL-1')?.status).toBe('dispatched');
    // The real team stays where and as it was: only its own reports move it.
    expect(live?.teams.get('TM0011')).toEqual(real);
  });

  it('runs six simulated hours of valid exercise events: incidents through their lifecycle, teams driving, a warning escalating blue → red and cancelled', async () => {
    const { data, rejections, log, hub, sim } = await exercise(7, 8);
    for (let s = 0; s < 6 * 3600; s++) await sim.advance(1_000);

    const events = log.sinceNow(0, 1_000_000);
    const types = (t: string) => events.filter((e) => e.type === t);
    expect(rejections.total()).toBe(0);
    expect(types('incident:open').length).toBeGreaterThan(25);
    const statuses = new Set(
      types('incident:update').map((e) => (e.payload as { status: string }).status),
    );
    expect([...statuses].sort()).toEqual([
      'closed',
      'confirmed',
      'dispatched',
      'en_route',
      'on_scene',
      'resolved',
    ]);
    expect(types('team:move').length).toBeGreaterThan(100);
    // Teams drive on the roads: on trips that use them, positions lie on a road line (off-road
    // only for the legs between a base or an incident and the nearest junction).
    const roads = (data.collections.get('roads') as EntityCollection<'roads'>).entities;
    const moving = types('team:move')
      .map((e) => e.payload as { position: [number, number]; speedKmh: number })
      // Trips that used roads average more than the off-road speed.
      .filter((m) => m.speedKmh > OFF_ROAD_KMH);
    const onRoad = moving.filter((m) =>
      roads.some((r) => nearLine(m.position, r.geometry.coordinates)),
    );
    expect(moving.length).toBeGreaterThan(100);
    // (~78% here; driving in straight lines puts ~10% on a road by chance.)
    expect(onRoad.length / moving.length).toBeGreaterThan(0.7);
    const levels = events
      .filter((e) => e.type === 'warning:issue' || e.type === 'warning:update')
      .map((e) => (e.payload as { level: string }).level);
    expect(levels.slice(0, 4)).toEqual(['blue', 'yellow', 'orange', 'red']);
    expect(types('warning:cancel').length).toBeGreaterThan(0);

    // The storm drives the picture: more calls, mostly water, while a warning stands; the warned
    // township's shelters fill from orange on and are empty again hours after the cancel.
    const bySeq = (t: string) => types(t).map((e) => e.seq);
    const [issued = 0] = bySeq('warning:issue');
    const [cancelled = 0] = bySeq('warning:cancel');
    const opened = types('incident:open');
    const during = opened.filter((e) => e.seq > issued && e.seq < cancelled);
    const after = opened.filter((e) => e.seq > cancelled);
    const minutesDuring = 160;
    const minutesAfter = 6 * 60 - 161;
    expect(during.length / minutesDuring).toBeGreaterThan((after.length / minutesAfter) * 1.5);
    const watery = (es: typeof opened) =>
      es.filter((e) =>
        ['waterlogging', 'flood', 'water_rescue'].includes((e.payload as { type: string }).type),
      ).length / Math.max(1, es.length);
    expect(watery(during)).toBeGreaterThan(watery(after));
    const fills = types('shelter:update').map(
      (e) => e.payload as { id: string; occupancy: number; status: string },
    );
    expect(Math.max(...fills.map((f) => f.occupancy))).toBeGreaterThan(100);
    expect(fills.some((f) => f.status === 'open')).toBe(true);
    const shelters = hub.live.get('erqi')?.shelters;
    for (const id of new Set(fills.map((f) => f.id))) expect(shelters?.get(id)?.occupancy).toBe(0);
    // Entities it creates say they are exercise data; changes to existing teams and shelters are
    // marked by the feed itself (the subscription says `exercise`, the console shows 演练).
    expect(
      events.every(
        (e) =>
          e.type.startsWith('team:') ||
          e.type.startsWith('shelter:') ||
          (e.payload as { exercise?: boolean; status?: string }).exercise === true ||
          (e.payload as { status?: string }).status === 'Exercise',
      ),
    ).toBe(true);
    // Online grid members walked their grid, and stayed near home (within ~1 km).
    const t = hub.telemetry.get('erqi');
    let moved = 0;
    let farthest = 0;
    for (let i = 0; i < (t?.count ?? 0); i++) {
      const dx = (t?.positions[i * 2] ?? 0) - (t?.home[i * 2] ?? 0);
      const dy = (t?.positions[i * 2 + 1] ?? 0) - (t?.home[i * 2 + 1] ?? 0);
      if (dx !== 0 || dy !== 0) moved++;
      farthest = Math.max(farthest, Math.hypot(dx, dy));
    }
    expect(moved).toBeGreaterThan(500);
    expect(farthest).toBeLessThan(0.01);
    // Teams that finished their job are available again at home.
    const live = hub.live.get('erqi');
    expect(
      [...(live?.teams.values() ?? [])].filter((t) => t.status === 'available').length,
    ).toBeGreaterThan(500);
    await log.close();
  });

  it('is reproducible for a seed', async () => {
    const run = async () => {
      const { log, sim } = await exercise(11, 8);
      for (let s = 0; s < 3600; s++) await sim.advance(1_000);
      const titles = log
        .sinceNow(0, 100_000)
        .filter((e) => e.type === 'incident:open')
        .map((e) => (e.payload as { title: string }).title);
      await log.close();
      return titles;
    };
    expect(await run()).toEqual(await run());
  });
});

describe('simulator after a restart', () => {
  it('carries on the open incidents and the warning it finds in the log', async () => {
    const { log, hub, sim: first, simulator } = await exercise(3, 30);
    for (let s = 0; s < 1_800; s++) await first.advance(1_000);
    const open = () =>
      [...(hub.live.get('erqi')?.incidents.values() ?? [])].filter((i) => i.status !== 'closed')
        .length;
    expect(open()).toBeGreaterThan(0);
    // A new simulator on the same state, as after a gateway restart, closes them in time.
    const second = simulator(4, 0.0001);
    for (let s = 0; s < 4 * 3600; s++) await second.advance(1_000);
    expect(open()).toBe(0);
    const busy = [...(hub.live.get('erqi')?.teams.values() ?? [])].filter(
      (t) => t.status !== 'available',
    );
    expect(busy).toEqual([]);
    await log.close();
  });
});

describe('simulator seasons', () => {
  afterEach(() => vi.useRealTimers());

  it('brings more water calls in the flood season (July) than in winter (January)', async () => {
    const share = async (month: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(`2026-${month}-15T08:00:00+08:00`));
      // Before the first warning (at one simulated minute) nothing but the season shapes the mix.
      const { log, sim } = await exercise(9, 30_000);
      await sim.advance(50_000);
      const types = log
        .sinceNow(0, 100_000)
        .filter((e) => e.type === 'incident:open')
        .map((e) => (e.payload as { type: string }).type);
      await log.close();
      vi.useRealTimers();
      return (
        types.filter((t) => ['waterlogging', 'flood', 'water_rescue'].includes(t)).length /
        types.length
      );
    };
    const july = await share('07');
    const january = await share('01');
    expect(july).toBeGreaterThan(january * 2);
  });
});
