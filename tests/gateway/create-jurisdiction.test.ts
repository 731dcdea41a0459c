/**
 * Any jurisdiction: a new one made from its boundaries (a GeoJSON the test writes, with
 * 12-digit statistical codes), every problem of a bad file reported, served by a running gateway
 * within seconds, and then given its own registers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/app.ts';
import { createJurisdiction } from '../../src/server/import/create-jurisdiction.ts';
import { runImport } from '../../src/server/import/run-import.ts';
import type {
  AdminArea,
  CollectionId,
  ScenarioMeta,
  Shelter,
} from '../../src/shared/protocol/index.ts';
import { featureCollection, SHILI, square } from '../support/boundaries.ts';

const dir = mkdtempSync(join(tmpdir(), 'onemap-new-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = SHILI;
const geojson = featureCollection;
const request = (file: string, apply: boolean) => ({
  dataDir: dir,
  id: 'shili',
  name: '示例县',
  nameEn: 'Shili County (test)',
  boundaries: file,
  apply,
  by: 'test',
});

describe('a new jurisdiction from its boundaries', () => {
  it('reports every problem of a bad boundaries file, feature by feature, and creates nothing', async () => {
    const file = join(dir, 'bad.geojson');
    const unclosed = square('410999002002', '缺口村', [114.1, 34.5, 114.2, 34.6]);
    unclosed.geometry.coordinates[0]?.pop();
    writeFileSync(
      file,
      geojson([
        ...GOOD,
        square('410999003001', '无主村', [114.0, 34.5, 114.01, 34.51]),
        square('410999001001', '重号社区', [114.0, 34.5, 114.01, 34.51]),
        unclosed,
        square('410999001003', '重叠社区', [114.0, 34.5, 114.03, 34.6]),
        square('41099900', '短代码', [114.0, 34.5, 114.01, 34.51]),
      ]),
    );
    const out = await createJurisdiction(request(file, true));
    expect(out.applied).toBeNull();
    expect(out.problems.map((p) => [p.row, p.reason.zh])).toEqual([
      [8, '代码与第 4 个要素重复'],
      [9, '多边形的环未闭合'],
      [11, '区划代码应为 6、9 或 12 位数字'],
      [7, '上级区划 410999003 不在文件中'],
      [10, '与第 4 个要素“一号社区”重叠 100%'],
    ]);
    expect(existsSync(join(dir, 'shili'))).toBe(false);
  });

  it('creates it, a gateway serves it, it takes its own registers, and one made while the gateway runs is served too', async () => {
    const gateway = await createGateway({
      dataDir: dir,
      eventLog: ':memory:',
      simulator: null,
      readAccess: 'open',
      dataPollMs: 100,
    }).catch((e: unknown) => e);
    // An empty data directory does not start a gateway (it says why); one with the new
    // jurisdiction does — and one already running picks it up (below).
    expect(gateway).toBeInstanceOf(Error);
    expect((gateway as Error).message).toContain('no jurisdiction in');

    const file = join(dir, 'good.geojson');
    writeFileSync(file, geojson(GOOD));
    const dry = await createJurisdiction(request(file, false));
    expect(dry).toMatchObject({
      applied: null,
      problems: [],
      areas: { counties: 1, townships: 2, villages: 3 },
    });
    const made = await createJurisdiction(request(file, true));
    expect(made.applied).not.toBeNull();

    const running = await createGateway({
      dataDir: dir,
      eventLog: ':memory:',
      simulator: null,
      readAccess: 'open',
      dataPollMs: 100,
    });
    try {
      const base = await running.listen(0);
      const list = (await (await fetch(`${base}/api/scenarios`)).json()) as {
        scenarios: ScenarioMeta[];
      };
      expect(list.scenarios.map((s) => [s.id, s.name, s.rootCode])).toEqual([
        ['shili', '示例县', '410999'],
      ]);
      const count = async (c: string) =>
        (
          (await (await fetch(`${base}/api/scenarios/shili/collections/${c}/items`)).json()) as {
            numberMatched: number;
          }
        ).numberMatched;
      expect([await count('townships'), await count('villages'), await count('shelters')]).toEqual([
        2, 3, 0,
      ]);

      const register = join(dir, 'shelters.csv');
      writeFileSync(
        register,
        '名称,类型,容纳人数,经度,纬度,适用灾种\n东城小学,学校,300,114.02,34.55,洪水\n',
      );
      const out = await runImport({
        dataDir: dir,
        jurisdiction: 'shili',
        files: [register],
        crs: 'wgs84',
        apply: true,
        by: 'test',
      });
      expect(out.problems).toEqual([]);
      await expect.poll(() => count('shelters'), { timeout: 10_000 }).toBe(1);
      const shelter = (await (
        await fetch(`${base}/api/scenarios/shili/collections/shelters/items`)
      ).json()) as {
        features: { properties: Shelter }[];
      };
      expect(shelter.features[0]?.properties).toMatchObject({
        townshipCode: '410999001',
        villageCode: '410999001001',
      });
    } finally {
      await running.close();
    }
  });

  it('runs the exercise of a jurisdiction made while the gateway runs, and restarts it on a new version', async () => {
    const running = await createGateway({
      dataDir: dir,
      eventLog: ':memory:',
      simulator: { speed: 3_600, seed: 7 },
      readAccess: 'open',
      dataPollMs: 100,
    });
    try {
      const base = await running.listen(0);
      const simulated = () => running.simulators.map((sim) => sim.scenario).sort();
      expect(simulated()).toEqual(['shili']);
      const file = join(dir, 'exercise.geojson');
      writeFileSync(file, geojson(GOOD));
      const made = await createJurisdiction({ ...request(file, true), id: 'shili-exercise' });
      expect(made.applied).not.toBeNull();
      await expect.poll(simulated, { timeout: 10_000 }).toEqual(['shili', 'shili-exercise']);
      // Its exercise runs: incidents in its own townships.
      const incidents = async () =>
        (
          (await (
            await fetch(`${base}/api/scenarios/shili-exercise/collections/incidents/items`)
          ).json()) as { features: { properties: { townshipCode: string } }[] }
        ).features;
      await expect
        .poll(async () => (await incidents()).length, { timeout: 15_000 })
        .toBeGreaterThan(0);
      expect((await incidents())[0]?.properties.townshipCode).toMatch(/^410999/);

      // A new version of it (a register imported) restarts its simulator on the new data.
      const before = running.simulators.find((sim) => sim.scenario === 'shili-exercise');
      const register = join(dir, 'exercise-shelters.csv');
      writeFileSync(register, '名称,类型,容纳人数,经度,纬度\n演练小学,学校,300,114.02,34.55\n');
      const out = await runImport({
        dataDir: dir,
        jurisdiction: 'shili-exercise',
        files: [register],
        crs: 'wgs84',
        apply: true,
        by: 'test',
      });
      expect(out.applied).not.toBeNull();
      await expect
        .poll(() => running.simulators.find((sim) => sim.scenario === 'shili-exercise'), {
          timeout: 10_000,
        })
        .not.toBe(before);
      expect(simulated()).toEqual(['shili', 'shili-exercise']);
    } finally {
      await running.close();
    }
  });

  it('takes new boundaries for a jurisdiction that exists: every shelter placed again, figures kept, nothing outside them', async () => {
    // The bureau's official outlines, without figures: the villages of 东城街道 redrawn.
    const official = (moved: number, county = SHILI[0]) =>
      [
        county,
        SHILI[1],
        SHILI[2],
        square('410999001001', '一号社区', [114.0, 34.5, moved, 34.6]),
        square('410999001002', '二号社区', [moved, 34.5, 114.1, 34.6]),
        SHILI[5],
      ].map((f) => ({
        ...f,
        properties: { 统计用区划代码: f?.properties.统计用区划代码, 名称: f?.properties.名称 },
      }));
    const shelters = () =>
      JSON.parse(readFileSync(join(dir, 'shili', 'shelters.json'), 'utf8')) as Shelter[];
    const school = () => shelters().find((x) => x.name === '东城小学');
    expect(school()?.villageCode).toBe('410999001001');

    // Boundaries that leave the school (at 114.02) outside every township are refused by name.
    const shrunk = join(dir, 'shrunk.geojson');
    const county = square('410999000000', '示例县', [114.0, 34.5, 114.2, 34.6]);
    writeFileSync(
      shrunk,
      geojson(
        official(114.05, county).map((f, i) =>
          i === 1
            ? square('410999001000', '东城街道', [114.03, 34.5, 114.1, 34.6])
            : i === 3
              ? square('410999001001', '一号社区', [114.03, 34.5, 114.05, 34.6])
              : f,
        ),
      ),
    );
    const refused = await runImport({
      dataDir: dir,
      jurisdiction: 'shili',
      files: [shrunk],
      crs: 'wgs84',
      apply: true,
      by: 'test',
    });
    expect(refused.applied).toBeNull();
    expect(refused.problems.filter((p) => p.level === 'error').map((p) => p.reason.zh)).toContain(
      `东城小学（${school()?.id ?? ''}）在新边界中：位置不在辖区任何乡镇（街道）内`,
    );

    const file = join(dir, 'official.geojson');
    writeFileSync(file, geojson(official(114.01)));
    const out = await runImport({
      dataDir: dir,
      jurisdiction: 'shili',
      files: [file],
      crs: 'wgs84',
      apply: true,
      by: 'test',
    });
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.applied).not.toBeNull();
    const changed = (c: CollectionId) => out.diffs.get(c)?.changed.length;
    expect([changed('villages'), changed('townships'), changed('shelters')]).toEqual([2, 0, 1]);
    expect(school()?.villageCode).toBe('410999001002');
    const villages = JSON.parse(
      readFileSync(join(dir, 'shili', 'villages.json'), 'utf8'),
    ) as AdminArea[];
    // The file says nothing of people: each village keeps its figures.
    expect(villages.map((v) => v.population)).toEqual([1000, 1000, 1000]);
    const meta = JSON.parse(readFileSync(join(dir, 'shili', 'meta.json'), 'utf8')) as ScenarioMeta;
    expect(meta.sources).toContainEqual({
      what: 'administrative boundaries',
      source: 'imported from official.geojson by test',
      real: true,
    });
  });

  describe('from a Shapefile, as GIS software writes it', () => {
    // The Shapefile's short field names (a .dbf name is at most 10 bytes).
    const features = SHILI.map((f) => ({
      ...f,
      properties: { XZQDM: f.properties.统计用区划代码, XZQMC: f.properties.名称, 人口: 1000 },
    }));
    const source = join(dir, 'shili.geojson');
    writeFileSync(source, geojson(features));
    /** GDAL's ogr2ogr writes the Shapefile: projected to `crs`, the .dbf in GBK. */
    const shapefile = (name: string, crs: string) => {
      const out = join(dir, name);
      execFileSync('ogr2ogr', [
        '-f',
        'ESRI Shapefile',
        out,
        source,
        '-s_srs',
        'EPSG:4326',
        '-t_srs',
        crs,
        '-lco',
        'ENCODING=GBK',
      ]);
      return out;
    };
    const ask = (file: string, id: string, apply = false) => ({
      ...request(file, apply),
      id,
    });

    it('reads a Gauss-Krüger (EPSG:4547) .shp with a GBK .dbf and no .cpg, and puts every area back where it was', async () => {
      const shp = shapefile('gk.shp', 'EPSG:4547');
      rmSync(join(dir, 'gk.cpg'));
      const out = await createJurisdiction(ask(shp, 'shili-shp', true));
      expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
      expect(out.problems.map((p) => p.reason.en)).toEqual([
        "attributes decoded as gb18030 (no .cpg: judged from the bytes); coordinates: converted from the .prj's system to WGS-84",
      ]);
      expect(out.areas).toMatchObject({ counties: 1, townships: 2, villages: 3 });
      const townships = JSON.parse(
        readFileSync(join(dir, 'shili-shp', 'townships.json'), 'utf8'),
      ) as AdminArea[];
      expect(townships.map((t) => t.name).sort()).toEqual(['东城街道', '西岭镇'].sort());
      // 东城街道 is [114.0, 34.5, 114.1, 34.6]: back within a millimetre or so.
      const east = townships.find((t) => t.name === '东城街道');
      const ring = east?.geometry.type === 'Polygon' ? east.geometry.coordinates[0] : [];
      const xs = (ring ?? []).map((p) => p[0]);
      const ys = (ring ?? []).map((p) => p[1]);
      expect(Math.min(...xs)).toBeCloseTo(114.0, 7);
      expect(Math.max(...xs)).toBeCloseTo(114.1, 7);
      expect(Math.min(...ys)).toBeCloseTo(34.5, 7);
      expect(Math.max(...ys)).toBeCloseTo(34.6, 7);
    });

    it('reads a ZIP of one in the zoned Gauss-Krüger system (EPSG:4526) by its .cpg, and refuses a cut-off ZIP', async () => {
      const zip = shapefile('zoned.shp.zip', 'EPSG:4526');
      const out = await createJurisdiction(ask(zip, 'shili-zip'));
      expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
      expect(out.problems[0]?.value).toBe('gbk');
      expect(out.areas).toMatchObject({ counties: 1, townships: 2, villages: 3 });
      const cut = join(dir, 'cut.zip');
      const bytes = readFileSync(zip);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const broken = await createJurisdiction(ask(cut, 'shili-cut', true));
      expect(broken.applied).toBeNull();
      expect(broken.problems.map((p) => p.reason.en.split(' (')[0])).toEqual([
        'not a complete ZIP file',
      ]);
    });

    it('refuses projected coordinates without their .prj, instead of loading areas that show nothing', async () => {
      const shp = shapefile('noprj.shp', 'EPSG:4547');
      rmSync(join(dir, 'noprj.prj'));
      const out = await createJurisdiction(ask(shp, 'shili-noprj', true));
      expect(out.applied).toBeNull();
      expect(out.problems.map((p) => p.reason.en)).toEqual([
        "no .prj, and feature 1's coordinates are not degrees (projected? add its .prj)",
      ]);
      expect(existsSync(join(dir, 'shili-noprj'))).toBe(false);
    });
  });
});
