import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser-suite.ts';
import type { WithMap } from '../support/map-handle.ts';
import { countColour, distinctColours, shotPath } from '../support/screenshots.ts';
import { testPage } from '../support/browser.ts';

const suite = browserSuite();

/** Opens the app and waits until the map has drawn the township boundaries. */
async function openMap(scenario: string): Promise<{ page: Page; requests: string[] }> {
  const page = await testPage(suite.browser.browser, { width: 1600, height: 1000 });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${suite.base}/?scenario=${scenario}`);
  await page.waitForFunction(
    () => {
      const map = (globalThis as WithMap).__onemap?.map;
      return Boolean(map?.getSource('townships') && map.loaded() && !map.isMoving());
    },
    null,
    { timeout: 60_000 },
  );
  // Let symbol placement settle (labels fade in).
  await page.waitForTimeout(1_000);
  return { page, requests };
}

async function renderedTownships(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = (globalThis as WithMap).__onemap?.map;
    const codes = new Set(
      map
        ?.queryRenderedFeatures({ layers: ['townships-fill'] })
        .map((f) => String(f.properties.code)),
    );
    return codes.size;
  });
}

describe('first screen', () => {
  it("shows Erqi's 18 townships within the district outline, in Chinese, with no request off the machine", async () => {
    const { page, requests } = await openMap('erqi');
    expect(await renderedTownships(page)).toBe(18);
    await expect(page.getByRole('heading', { name: /应急一张图/ }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('summary').textContent()).toContain('二七区');

    const png = await page.screenshot({ path: shotPath('first-screen-erqi') });
    // Not blank: many colours, and the bright district outline (#38bdf8) is drawn.
    expect(distinctColours(png)).toBeGreaterThan(30);
    expect(countColour(png, [0x38, 0xbd, 0xf8])).toBeGreaterThan(1_000);

    const origin = new URL(suite.base).origin;
    const offMachine = requests.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin,
    );
    expect(offMachine).toEqual([]);
    await page.close();
  });

  it("shows Kaifeng's 9 counties and 122 townships", async () => {
    const { page } = await openMap('kaifeng');
    expect(await renderedTownships(page)).toBe(122);
    const counties = await page.evaluate(
      () =>
        new Set(
          (globalThis as WithMap).__onemap?.map
            .queryRenderedFeatures({ layers: ['counties-line'] })
            .map((f) => String(f.properties.code)),
        ).size,
    );
    expect(counties).toBe(9);
    await page.screenshot({ path: shotPath('first-screen-kaifeng') });
    await page.close();
  });

  it('tells the user when a link names an unknown scenario, and shows the default', async () => {
    const { page } = await openMap('atlantis');
    expect(await page.getByRole('status').filter({ hasText: 'atlantis' }).textContent()).toContain(
      'scenario=atlantis',
    );
    expect(await renderedTownships(page)).toBe(18);
    await page.close();
  });
});
