/**
 * The console learns its jurisdictions from the gateway: the default is the first the gateway
 * serves, the picker names each as its manifest does, and a link to one it does not serve says
 * so. Here the gateway serves a jurisdiction no line of code knows (`zhongmu-demo`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/server/import/run-import.ts';
import type { AdminArea } from '../../src/shared/protocol/index.ts';
import { openApp } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { DEMO, demoDataDir } from '../support/data-dir.ts';
import { shotPath } from '../support/screenshots.ts';

const data = demoDataDir();
// The order given is the order served: the demo first, so it is the console's default.
const suite = browserSuite([DEMO.id, 'erqi'], { dataDir: data.dir });
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
