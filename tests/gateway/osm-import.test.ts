/**
 * Roads from OpenStreetMap into a jurisdiction: a hand-made extract the test writes as OSM XML
 * and, through Debian's osmium, as PBF. One-ways, bridges, maxspeed and footways read as OSM
 * means them; the imported network routes (one-ways only their way) and a flood closes the road
 * on the ground but not the bridge over it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { loadScenario } from '../../src/server/data/scenario-store.ts';
import { readOsmFile } from '../../src/server/import/read-osm.ts';
import { runImport, type ImportRequest } from '../../src/server/import/run-import.ts';
import { buildOsmRoads } from '../../src/shared/import/osm-roads.ts';
import type { LonLat, RoadSegment, ScenarioMeta } from '../../src/shared/protocol/index.ts';
import { affectedBy } from '../../src/shared/transfer/hazard-area.ts';
import { DEMO, demoDataDir } from '../support/data-dir.ts';
import { writeSmallTown } from '../support/osm.ts';

const data = demoDataDir();
const files = mkdtempSync(join(tmpdir(), 'onemap-osm-'));
afterAll(() => {
  data.remove();
  rmSync(files, { recursive: true, force: true });
});
const meta = JSON.parse(readFileSync(join(data.dir, DEMO.id, 'meta.json'), 'utf8')) as ScenarioMeta;
const [west, south, east, north] = meta.bbox;
const centre: LonLat = [(west + east) / 2, (south + north) / 2];
const town = writeSmallTown(files, centre[0], centre[1]);
const req = (paths: string[], extra: Partial<ImportRequest> = {}): ImportRequest => ({
  dataDir: data.dir,
  jurisdiction: DEMO.id,
  files: paths,
  crs: 'wgs84',
  apply: false,
  by: 'test',
  ...extra,
});
const byId = (segments: readonly RoadSegment[]) =>
  Object.fromEntries(segments.map((s) => [s.id, s]));

describe('importing roads from OpenStreetMap', () => {
  it('cuts drivable ways at junctions, keeps one-ways, bridges and maxspeed, leaves out footways, and warns of missing nodes', async () => {
    const read = await readOsmFile(town.osm);
    const roads = buildOsmRoads('town.osm', read.ways, (id) => read.positions.get(id), meta.bbox);
    const s = byId(roads.segments);
    expect(Object.keys(s).sort()).toEqual(['w10-0', 'w11-0', 'w12-0', 'w13-0']);
    expect(s['w10-0']).toMatchObject({ oneway: true, from: 'o1', to: 'o2', class: 'arterial' });
    expect(s['w11-0']?.bridge).toBe(true);
    expect(s['w11-0']?.geometry.coordinates).toHaveLength(3);
    expect(s['w12-0']?.oneway).toBeUndefined();
    expect(s['w13-0']?.speedKmh).toBe(20);
    expect(s['w12-0']?.speedKmh).toBe(50); // secondary's default
    expect(s['w10-0']?.lengthM).toBeGreaterThan(990);
    expect(s['w10-0']?.lengthM).toBeLessThan(1_010);
    expect(roads.problems.map((p) => [p.level, p.reason.en])).toEqual([
      [
        'warning',
        "1 road nodes are not in the file (an extract's edge); those stretches are left out",
      ],
    ]);
  });

  it('reads the PBF osmium wrote as the same network', async () => {
    const fromXml = await readOsmFile(town.osm);
    const fromPbf = await readOsmFile(town.pbf);
    expect(fromPbf.problems).toEqual([]);
    const build = (f: typeof fromXml) =>
      buildOsmRoads('town', f.ways, (id) => f.positions.get(id), meta.bbox).segments;
    expect(build(fromPbf)).toEqual(build(fromXml));
  });

  it('refuses a file of roads all outside the jurisdiction, and a damaged PBF, applying nothing', async () => {
    const far = writeSmallTown(mkdtempSync(join(files, 'far-')), centre[0] + 3, centre[1]);
    const outside = await runImport(req([far.osm], { apply: true }));
    expect(outside.applied).toBeNull();
    expect(outside.problems.filter((p) => p.level === 'error').map((p) => p.reason.en)).toEqual([
      "every drivable road lies outside the jurisdiction: is this the jurisdiction's file?",
    ]);
    const broken = join(files, 'broken.osm.pbf');
    writeFileSync(broken, readFileSync(town.pbf).subarray(0, 60));
    const damaged = await runImport(req([broken], { apply: true }));
    expect(damaged.applied).toBeNull();
    expect(damaged.problems[0]?.reason.en).toMatch(/^not a readable OSM PBF file/);
  });

  it('applies a new version the jurisdiction routes on: one-ways one way, and a flood closes the road on the ground, not the bridge', async () => {
    const out = await runImport(req([town.pbf], { apply: true }));
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.applied).not.toBeNull();
    expect(out.diffs.get('roads')?.added).toHaveLength(4);
    const loaded = loadScenario(data.dir, DEMO.id);
    // Junctions only (A, B, C, D): the points along a way are its segment's geometry.
    expect(loaded.roads.size).toBe(4);
    const n = town.nodes;
    // A → B along the one-way; B → A the long way round, over the bridge.
    expect(loaded.roads.route(n[1], n[2])?.segments).toEqual(['w10-0']);
    expect(loaded.roads.route(n[2], n[1])?.segments).toEqual(['w11-0', 'w12-0', 'w13-0']);

    // Deep water over the south of the town: the street along the river and the side street.
    const kx = 111_320 * Math.cos((centre[1] * Math.PI) / 180);
    const p = (e: number, no: number): LonLat => [centre[0] + e / kx, centre[1] + no / 110_574];
    const strip = [p(-100, -50), p(1_100, -50), p(1_100, 300), p(-100, 300), p(-100, -50)];
    const roads = (loaded.collections.get('roads') as EntityCollection<'roads'>).entities;
    const { closedRoads } = affectedBy(
      {
        id: 'test-flood',
        name: 'test',
        source: 'drawn',
        level: null,
        zones: [{ depth: 'deep', geometry: { type: 'Polygon', coordinates: [strip] } }],
      },
      [],
      [],
      roads,
    );
    expect([...closedRoads].sort()).toEqual(['w12-0', 'w13-0']);
    expect(loaded.roads.route(n[2], n[4], closedRoads)?.segments).toEqual(['w11-0']);
    expect(loaded.roads.route(n[2], n[1], closedRoads)).toBeNull();
  });
});
