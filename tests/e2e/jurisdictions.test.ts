/**
 * The console learns its jurisdictions from the gateway: the default is the first the gateway
 * serves, the picker names each as its manifest does, and a link to one it does not serve says
 * so. Here the gateway serves a jurisdiction no line of code knows (`zhongmu-demo`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/app.ts';
import { createJurisdiction } from '../../src/server/import/create-jurisdiction.ts';
import { runImport } from '../../src/server/import/run-import.ts';
import type { AdminArea } from '../../src/shared/protocol/index.ts';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { hashPassword } from '../../src/server/operators.ts';
import { openApp, signIn } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { featureCollection, SHILI } from '../support/boundaries.ts';
import { DEMO, demoDataDir } from '../support/data-dir.ts';
import { ROOT } from '../support/gateway.ts';
import { shotPath } from '../support/screenshots.ts';

const data = demoDataDir();
// The order given is the order served: the demo first, so it is the console's default.
const suite = browserSuite([DEMO.id, 'erqi'], {
  dataDir: data.dir,
  operators: [
    { name: 'duty', role: 'duty_officer', secret: hashPassword('on-duty-2026') },
    { name: 'gis', role: 'admin', secret: hashPassword('gis-admin-2026') },
  ],
});
afterAll(() => data.remove());

describe('jurisdictions the gateway serves', () => {
  it('opens on the first one, names each in the picker and switches between them', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, '/');
    try {
      const subtitle = page.locator('.top-bar .subtitle');
      await expect.poll(() => subtitle.textContent()).toBe(DEMO.name);
      expect(new URL(page.url()).searchParams.get('s')).toBe(DEMO.id);
      await expect
        .poll(() => page.getByTestId('count-townships').textContent(), { timeout: 30_000 })
        .toBe('18 / 18');
      const picker = page.getByRole('combobox', { name: '区域' });
      expect(await picker.locator('option').allTextContents()).toEqual([DEMO.name, '郑州市二七区']);
      // The demo copies the sample's synthetic data, and says so.
      expect(await page.locator('.synthetic-badge').count()).toBe(1);
      await page.screenshot({ path: shotPath('jurisdiction-demo-default') });

      await picker.selectOption('erqi');
      await expect.poll(() => subtitle.textContent()).toBe('郑州市二七区');
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('combobox', { name: 'Area' }).selectOption(DEMO.id);
      await expect.poll(() => subtitle.textContent()).toBe(DEMO.nameEn);
    } finally {
      await page.close();
    }
  });

  it('shows shelters imported while it is open, without a reload', async () => {
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=${DEMO.id}&l=shelters,townships`,
    );
    try {
      const count = page.getByTestId('count-shelters');
      await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('207 / 207');
      const villages = JSON.parse(
        readFileSync(join(data.dir, DEMO.id, 'villages.json'), 'utf8'),
      ) as AdminArea[];
      const [a, b] = villages;
      const file = join(data.dir, 'new-shelters.csv');
      writeFileSync(
        file,
        [
          '应急避难场所名称,场所类型,可容纳人数,经度,纬度,适用灾种',
          `浏览器测试学校,学校,400,${a?.seat[0]},${a?.seat[1]},洪水`,
          `浏览器测试广场,广场,900,${b?.seat[0]},${b?.seat[1]},地震`,
        ].join('\n'),
      );
      const out = await runImport({
        dataDir: data.dir,
        jurisdiction: DEMO.id,
        files: [file],
        crs: 'wgs84',
        apply: true,
        merge: true,
        by: 'test',
      });
      expect(out.applied).not.toBeNull();
      await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('209 / 209');
      await page.locator('.search input').fill('浏览器测试学校');
      await expect
        .poll(() => page.getByRole('option').first().textContent(), { timeout: 10_000 })
        .toContain('浏览器测试学校');
    } finally {
      await page.close();
    }
  });

  it('lets an administrator fill a template, read the refused row, fix it, apply, and see the shelters on the map', async () => {
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=${DEMO.id}&l=shelters,townships`,
    );
    try {
      await signIn(page, 'gis', 'gis-admin-2026');
      const count = page.getByTestId('count-shelters');
      await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/^\d+ \/ \d+$/);
      const before = Number((await count.textContent())?.split(' / ')[0]?.replace(/,/g, ''));
      await page.getByTestId('data-admin-button').click();
      const dialog = page.getByTestId('data-admin-dialog');

      // The template, as downloaded: its header and units row, and the notes sheet.
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '应急避难场所' }).click();
      const template = await (await downloading).path();
      const [sheet] = await readXlsxFile(template);
      const header = (sheet?.data[0] ?? []).map(String);
      expect(header).toEqual(
        expect.arrayContaining(['应急避难场所名称', '场所类型', '容纳人数', '经度', '纬度']),
      );
      expect(sheet?.data[1]?.[header.indexOf('容纳人数')]).toBe('人');

      // Three rows under the template's own, one with a word where a number belongs.
      const villages = JSON.parse(
        readFileSync(join(data.dir, DEMO.id, 'villages.json'), 'utf8'),
      ) as AdminArea[];
      const at = villages[3]?.seat ?? [0, 0];
      const filled = async (capacity: string | number, path: string) => {
        const row = (name: string, type: string, cap: string | number) =>
          header.map((h) =>
            h === '应急避难场所名称'
              ? { value: name }
              : h === '场所类型'
                ? { value: type }
                : h === '容纳人数'
                  ? { value: cap }
                  : h === '适用灾种'
                    ? { value: '洪水、内涝' }
                    : h === '经度'
                      ? { value: at[0] }
                      : h === '纬度'
                        ? { value: at[1] }
                        : null,
          );
        await writeXlsxFile([
          {
            sheet: '应急避难场所',
            data: [
              // The template's own rows as downloaded (blank cells stay blank).
              ...(sheet?.data ?? []).map((r) =>
                r.map((value) => (value === null ? null : { value: String(value) })),
              ),
              row('页面导入小学', '学校', 500),
              row('页面导入体育馆', '体育馆', capacity),
              row('页面导入广场', '广场', 1500),
            ],
          },
        ]).toFile(path);
      };
      const bad = join(data.dir, 'page-bad.xlsx');
      await filled('很多人', bad);
      await dialog.getByTestId('import-file').setInputFiles(bad);
      await dialog.getByRole('button', { name: '检查' }).click();
      const report = dialog.getByTestId('import-report');
      await expect.poll(() => report.textContent()).toContain('有 1 处错误，未应用');
      const refusedRow = report.locator('tr.error');
      expect(await refusedRow.locator('td').allTextContents()).toEqual([
        '错误',
        '5',
        '容纳人数',
        '很多人',
        '应为数字',
      ]);
      expect(await dialog.getByTestId('import-apply').isDisabled()).toBe(true);
      await page.screenshot({ path: shotPath('data-admin-refused-row') });

      const good = join(data.dir, 'page-good.xlsx');
      await filled(3000, good);
      await dialog.getByTestId('import-file').setInputFiles(good);
      await dialog.getByRole('button', { name: '检查' }).click();
      await expect.poll(() => report.textContent()).toContain('检查通过');
      expect(await dialog.getByTestId('diff-shelters').textContent()).toContain(
        '新增 3，修改 0，删除 0',
      );
      await dialog.getByTestId('import-apply').click();
      await expect.poll(() => report.textContent()).toContain('已生效');
      await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
      await expect
        .poll(() => count.textContent(), { timeout: 30_000 })
        .toBe(`${before + 3} / ${before + 3}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

      // The same file again changes nothing; a changed capacity is one change.
      await page.getByTestId('data-admin-button').click();
      await dialog.getByTestId('import-file').setInputFiles(good);
      await dialog.getByRole('button', { name: '检查' }).click();
      await expect
        .poll(() => dialog.getByTestId('diff-shelters').textContent())
        .toContain('新增 0，修改 0，删除 0');
      const changed = join(data.dir, 'page-changed.xlsx');
      await filled(3500, changed);
      await dialog.getByTestId('import-file').setInputFiles(changed);
      await dialog.getByRole('button', { name: '检查' }).click();
      await expect
        .poll(() => dialog.getByTestId('diff-shelters').textContent())
        .toContain('新增 0，修改 1，删除 0');
      await page.screenshot({ path: shotPath('data-admin-diff') });

      // The 水雨情 rules: read in a table, a bad edit refused with the rule and field named.
      const rules = dialog.getByTestId('rule-editor');
      await rules.locator('summary').click();
      await expect.poll(() => rules.textContent()).toContain('暴雨红色（3小时100毫米）');
      expect(await rules.textContent()).toContain('3小时雨量 ≥ 100 毫米');
      const json = rules.getByRole('textbox');
      const text = await json.inputValue();
      await json.fill(text.replace('"windowH": 3', '"windowH": 2'));
      await rules.getByRole('button', { name: '保存规则' }).click();
      await expect
        .poll(() => rules.getByRole('alert').textContent())
        .toContain('a rain window is 1, 3, 6, 12 or 24 hours');
      await json.fill(text.replace('"mm": 100', '"mm": 90'));
      await rules.getByRole('button', { name: '保存规则' }).click();
      await expect.poll(() => rules.textContent()).toContain('3小时雨量 ≥ 90 毫米');
      expect(await rules.textContent()).toContain('已由管理员修改');
      await page.screenshot({ path: shotPath('data-admin-rules') });
    } finally {
      await page.close();
    }
  });

  it('lets an administrator map headers it does not know, download the report, and see a row placed by its village marked approximate', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, `/?s=${DEMO.id}&l=shelters`);
    try {
      await signIn(page, 'gis', 'gis-admin-2026');
      await page.getByTestId('data-admin-button').click();
      const dialog = page.getByTestId('data-admin-dialog');
      const villages = JSON.parse(
        readFileSync(join(data.dir, DEMO.id, 'villages.json'), 'utf8'),
      ) as AdminArea[];
      const village = villages[5];
      if (!village) throw new Error('no village');
      // A bureau's own export: headers of its own, no coordinates, only the village code.
      const file = join(data.dir, '本局避难场所.csv');
      writeFileSync(
        file,
        [
          '单位名称,类别,收容人数,所在村代码,备注',
          `映射测试中学,学校,600,${village.code},新建`,
        ].join('\r\n'),
      );
      await dialog.getByTestId('import-file').setInputFiles(file);
      await dialog.getByRole('button', { name: '检查', exact: true }).click();
      const report = dialog.getByTestId('import-report');
      await expect.poll(() => report.textContent()).toContain('认不出这是哪种登记表');

      // Every problem as a workbook, before anything is mapped.
      const downloading = page.waitForEvent('download');
      await dialog.getByTestId('import-report-xlsx').click();
      const [problems] = await readXlsxFile(await (await downloading).path());
      expect(String(problems?.data[1]?.[6])).toContain('认不出这是哪种登记表');

      const mapping = dialog.getByTestId('column-mapping');
      await mapping.getByTestId('mapping-register').selectOption('shelters');
      await mapping.getByTestId('mapping-单位名称').selectOption('name');
      await mapping.getByTestId('mapping-类别').selectOption('type');
      await mapping.getByTestId('mapping-收容人数').selectOption('capacityDay');
      await page.screenshot({ path: shotPath('data-admin-column-mapping') });
      await mapping.getByTestId('mapping-check').click();
      await expect.poll(() => report.textContent()).toContain('检查通过');
      expect(await report.textContent()).toContain('按' + village.name + '的位置近似定位');
      await dialog.getByTestId('import-apply').click();
      await expect.poll(() => report.textContent()).toContain('已生效');

      const shelters = JSON.parse(
        readFileSync(join(data.dir, DEMO.id, 'shelters.json'), 'utf8'),
      ) as { id: string; name: string; position: number[]; approximate?: true }[];
      const added = shelters.find((x) => x.name === '映射测试中学');
      expect(added).toMatchObject({ position: village.seat, approximate: true });
      const [lon, lat] = village.seat;
      await page.goto(
        `${suite.base}/?s=${DEMO.id}&l=shelters&c=${lon},${lat},14&sel=shelters:${added?.id ?? ''}`,
      );
      const details = page.getByTestId('details');
      await expect
        .poll(() => details.getByTestId('details-approximate').textContent(), { timeout: 30_000 })
        .toContain('位置为近似');
      await page.waitForTimeout(1500);
      await page.screenshot({ path: shotPath('details-approximate') });
    } finally {
      await page.close();
    }
  });

  it('shows a jurisdiction created from its boundaries while the gateway runs', async () => {
    // A gateway serving every folder of the data directory (no SCENARIOS list, unlike the
    // suite's), so a new folder is served as soon as it is seen.
    const gateway = await createGateway({
      dataDir: data.dir,
      eventLog: ':memory:',
      simulator: null,
      readAccess: 'open',
      staticDir: `${ROOT}dist`,
      dataPollMs: 200,
    });
    try {
      const base = await gateway.listen(0);
      const file = join(data.dir, 'shili.geojson');
      writeFileSync(file, featureCollection(SHILI));
      const made = await createJurisdiction({
        dataDir: data.dir,
        id: 'shili',
        name: '示例县',
        nameEn: 'Shili County (test)',
        boundaries: file,
        apply: true,
        by: 'test',
      });
      expect(made.applied).not.toBeNull();
      await expect
        .poll(
          async () =>
            (
              (await (await fetch(`${base}/api/scenarios`)).json()) as {
                scenarios: { id: string }[];
              }
            ).scenarios.map((s) => s.id),
          { timeout: 15_000 },
        )
        .toContain('shili');
      const { page } = await openApp(
        suite.browser.browser,
        base,
        '/?s=shili&l=townships,villages,shelters',
      );
      try {
        expect(await page.locator('.top-bar .subtitle').textContent()).toBe('示例县');
        await expect.poll(() => page.getByTestId('count-townships').textContent()).toBe('2 / 2');
        await expect.poll(() => page.getByTestId('count-shelters').textContent()).toBe('0 / 0');
        // Its boundaries are real (the manifest says so): no synthetic-data badge.
        expect(await page.locator('.synthetic-badge').count()).toBe(0);
        await page.screenshot({ path: shotPath('jurisdiction-created') });
      } finally {
        await page.close();
      }
    } finally {
      await gateway.close();
    }
  });

  it('says a link names a jurisdiction this gateway does not serve, and shows the default', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, '/?s=kaifeng');
    try {
      const notice = page.getByRole('status').filter({ hasText: 'kaifeng' });
      expect(await notice.textContent()).toContain('no jurisdiction "kaifeng" on this gateway');
      expect(await page.locator('.top-bar .subtitle').textContent()).toBe(DEMO.name);
    } finally {
      await page.close();
    }
  });
});
