/**
 * Any jurisdiction: a new one made from its boundaries (a GeoJSON the test writes, with
 * 12-digit statistical codes), every problem of a bad file reported, served by a running gateway
 * within seconds, and then given its own registers.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/app.ts';
import { createJurisdiction } from '../../src/server/import/create-jurisdiction.ts';
import { runImport } from '../../src/server/import/run-import.ts';
import type { ScenarioMeta, Shelter } from '../../src/shared/protocol/index.ts';
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
});
