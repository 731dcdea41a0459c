/**
 * The console learns its jurisdictions from the gateway: the default is the first the gateway
 * serves, the picker names each as its manifest does, and a link to one it does not serve says
 * so. Here the gateway serves a jurisdiction no line of code knows (`zhongmu-demo`).
 */
import { afterAll, describe, expect, it } from 'vitest';
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
