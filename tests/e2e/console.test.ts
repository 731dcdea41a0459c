import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { openApp, pixelOf, waitIdle } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import type { WithMap } from '../support/map-handle.ts';
import { shotPath } from '../support/screenshots.ts';
import { testPage } from '../support/browser.ts';

const suite = browserSuite();

async function items(path: string): Promise<Feature[]> {
  const res = await fetch(`${suite.base}/api/scenarios/${path}`);
  return ((await res.json()) as FeatureCollection).features;
}

describe('map console', () => {
  it("shows a shelter's tooltip on hover and its details with an occupancy gauge on click", async () => {
    const [shelter] = await items('erqi/collections/shelters/items?limit=1&status=standby');
    const position = (shelter?.geometry as unknown as { coordinates: [number, number] })
      .coordinates;
    const name = String(shelter?.properties?.name);
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=erqi&l=townships,shelters&m=none&c=${position[0]},${position[1]},15.5`,
    );
    const at = await pixelOf(page, position);
    await page.mouse.move(at.x, at.y);
    await expect(page.getByRole('tooltip').textContent()).resolves.toContain(name);
    await page.mouse.click(at.x, at.y);
    const details = page.getByTestId('details');
    await expect(details.getByRole('heading').textContent()).resolves.toBe(name);
    await expect(details.getByRole('meter').count()).resolves.toBe(1);
    expect(page.url()).toContain(`sel=shelters%3A${String(shelter?.id)}`);
    await page.screenshot({ path: shotPath('console-erqi-shelter-details') });
    await page.close();
  });

  it("shows a river station's warning and guarantee levels on click", async () => {
    const [station] = await items('erqi/collections/stations/items?limit=1&kind=river');
    const position = (station?.geometry as unknown as { coordinates: [number, number] })
      .coordinates;
    const levels = station?.properties?.levels as { warning: number; guarantee: number };
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=erqi&l=townships,stations&m=none&c=${position[0]},${position[1]},14`,
    );
    const at = await pixelOf(page, position);
    await page.mouse.click(at.x, at.y);
    const details = page.getByTestId('details');
    await expect(details.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      String(station?.properties?.name),
    );
    const text = await details.textContent();
    expect(text).toContain('水位站');
    expect(text).toContain(`警戒水位${levels.warning.toFixed(2)} m`);
    expect(text).toContain(`保证水位${levels.guarantee.toFixed(2)} m`);
    await page.screenshot({ path: shotPath('console-erqi-station-details') });
    await page.close();
  });

  it('drills down from the district to a township and back with the breadcrumb', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, '/?s=erqi');
    const [township] = await items('erqi/collections/townships/items?limit=1&code=410103101');
    const seat = township?.properties?.seat as [number, number];
    const at = await pixelOf(page, seat);
    await page.mouse.click(at.x + 25, at.y + 25);
    await waitIdle(page);
    const crumbs = page.getByRole('navigation', { name: '当前区域' });
    await expect(crumbs.textContent()).resolves.toContain('马寨镇');
    expect(new URL(page.url()).searchParams.get('a')).toBe('410103101');
    const summary = await page.getByTestId('summary').textContent();
    expect(summary).toMatch(/人口 [\d,]+/);
    expect(summary).toMatch(/避难场所 \d+ 处/);
    await crumbs.getByRole('button', { name: '二七区' }).click();
    await waitIdle(page);
    expect(new URL(page.url()).searchParams.get('a')).toBeNull();
    await page.close();
  });

  it('finds a township by its pinyin initials and flies there', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, '/?s=erqi');
    const box = page.getByRole('search').getByRole('combobox');
    await box.fill('mzz');
    await expect(
      page.getByRole('search').getByRole('option').first().textContent(),
    ).resolves.toContain('马寨镇');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter');
    await waitIdle(page);
    expect(new URL(page.url()).searchParams.get('a')).toBe('410103101');
    await expect(
      page.getByRole('navigation', { name: '当前区域' }).textContent(),
    ).resolves.toContain('马寨镇');
    await page.close();
  });

  it('switches to English and keeps every panel translated', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, '/?s=erqi');
    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'OneMap',
    );
    await expect(page.getByRole('region', { name: 'Layers' }).isVisible()).resolves.toBe(true);
    const text = (await page.locator('.top-bar, .layer-panel, .summary').allTextContents()).join(
      ' ',
    );
    // Names of places stay Chinese; the interface must not.
    const leftovers =
      text.replace(/[二七区郑州市淮河路街道马寨镇开封]+/g, '').match(/[\u4e00-\u9fff]+/g) ?? [];
    expect(leftovers.filter((w) => !['中文'].includes(w))).toEqual([]);
    await page.screenshot({ path: shotPath('console-erqi-english') });
    await page.evaluate('localStorage.clear()');
    await page.close();
  });

  it('reproduces a screen from its link', async () => {
    const link =
      '/?s=kaifeng&t=light&c=114.35000,34.79000,12.00&l=townships,depots,teams&f=teams.status:available&m=riskPoints&a=410202&sel=depots:DP410202';
    const { page } = await openApp(suite.browser.browser, suite.base, link);
    const url = new URL(page.url());
    for (const [k, v] of new URL(`${suite.base}${link}`).searchParams)
      expect(url.searchParams.get(k), k).toBe(v);
    await expect(page.getByTestId('details').getByRole('heading').textContent()).resolves.toContain(
      '龙亭区应急物资储备库',
    );
    await expect(page.getByLabel('主题').inputValue()).resolves.toBe('light');
    const zoom = await page.evaluate(() => (globalThis as WithMap).__onemap?.map.getZoom());
    expect(zoom).toBeCloseTo(12, 0);
    await page.close();
  });

  it('puts the heat of 603,900 reports on the GPU and narrows it by time', async () => {
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=kaifeng&l=townships,hazard-reports&m=none',
    );
    await page.waitForFunction(
      'document.querySelector(\'[data-testid="count-hazard-reports"]\')?.textContent?.includes("603,900 / 603,900")',
      null,
      { timeout: 60_000 },
    );
    await page.locator('[data-layer="hazard-reports"] .layer-count').click();
    await page.getByLabel('起').fill('2021-07-01');
    await page.getByLabel('止').fill('2021-07-31');
    const count = await page.getByTestId('count-hazard-reports').textContent();
    const shown = Number(count?.split('/')[0]?.replace(/,/g, '').trim());
    expect(shown).toBeGreaterThan(1_000);
    expect(shown).toBeLessThan(20_000);
    expect(new URL(page.url()).searchParams.get('tr')).toBe('2021-07-01/2021-07-31');
    await page.screenshot({ path: shotPath('console-kaifeng-reports-heat') });
    await page.close();
  });

  it('survives a lost WebGL context with a visible notice', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, '/?s=erqi');
    await page.evaluate(() => {
      const gl = (globalThis as WithMap).__onemap?.map.getCanvas().getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_lose_context');
      (globalThis as { __lose?: unknown }).__lose = ext;
      ext?.loseContext();
    });
    await expect(page.getByRole('alert').textContent()).resolves.toContain('图形上下文丢失');
    await page.evaluate(() =>
      (globalThis as { __lose?: { restoreContext(): void } }).__lose?.restoreContext(),
    );
    await page.waitForFunction('!document.querySelector(".map-notice")', null, { timeout: 10_000 });
    await page.close();
  });

  for (const scenario of ['erqi', 'kaifeng'] as const) {
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ]) {
      it(`draws ${scenario} with its layers at ${viewport.width}×${viewport.height}`, async () => {
        const { page, requests } = await openApp(
          suite.browser.browser,
          suite.base,
          `/?s=${scenario}&l=townships,risk-points,shelters,teams,depots,incidents,warnings`,
          viewport,
        );
        // Software WebGL draws deck's layers a few frames after the map goes idle: poll.
        const counts = () => {
          const h = (globalThis as WithMap).__onemap;
          const rendered = (layers: string[]) =>
            h?.map.queryRenderedFeatures({ layers }).length ?? 0;
          return {
            risk: rendered(['risk-points-icon', 'risk-points-cluster']),
            shelters: rendered(['shelters-circle', 'shelters-cluster']),
            depots: rendered(['depots-icon']),
            teams:
              h?.overlay.pickObjects({
                x: 0,
                y: 0,
                width: 4000,
                height: 2200,
                layerIds: ['teams', 'teams-agg'],
              }).length ?? 0,
          };
        };
        let drawn = await page.evaluate(counts);
        for (let tries = 0; tries < 80 && Object.values(drawn).some((n) => n === 0); tries++) {
          await page.waitForTimeout(250);
          drawn = await page.evaluate(counts);
        }
        for (const [layer, n] of Object.entries(drawn))
          expect(n, `${layer} drawn: ${JSON.stringify(drawn)}`).toBeGreaterThan(0);
        const origin = new URL(suite.base).origin;
        expect(
          requests.filter(
            (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin,
          ),
        ).toEqual([]);
        await page.screenshot({
          path: shotPath(`console-${scenario}-${viewport.width}x${viewport.height}`),
        });
        await page.close();
      });
    }
  }

  it('waits a moment for a selected incident to arrive before saying it is not there', async () => {
    // Straight to the page (not waiting for the map): the first seconds matter here.
    const page = await testPage(suite.browser.browser, { width: 1920, height: 1080 });
    await page.goto(`${suite.base}/?s=erqi&l=incidents&sel=incidents:INC-NOT-THERE`);
    try {
      const missing = page.getByTestId('details-missing');
      await missing.waitFor();
      // First it waits (the event of something just created can follow the command's answer)…
      await expect(missing.textContent()).resolves.toContain('加载');
      // …then it says so.
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="details-missing"]\')?.textContent?.includes("未找到该对象")',
        null,
        { timeout: 15_000 },
      );
    } finally {
      await page.close();
    }
  });
});
