import { describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import type { Observation } from '../../src/shared/protocol/index.ts';
import { openApp, pixelOf } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { countColour, shotPath } from '../support/screenshots.ts';

const suite = browserSuite(['erqi']);

describe('水雨情 on the console', () => {
  it('colours a river station over its warning level, lists the firing, and charts it with the threshold lines and the firing mark', async () => {
    const stations = (
      suite.gateway.scenarios
        .get('erqi')
        ?.collections.get('stations') as EntityCollection<'stations'>
    ).entities;
    const river = stations.find((s) => s.kind === 'river');
    const warning = river?.levels?.warning;
    if (!river || warning === undefined) throw new Error('no river station in the sample');
    // Twelve hours of 5-minute levels: a metre and a half under 警戒, then a rise over it in
    // the last two hours — through the gateway's one intake, as every feed reaches the rules.
    const now = Math.floor(Date.now() / 300_000) * 300_000;
    const levels: Observation[] = Array.from({ length: 145 }, (_, i) => {
      const t = now - (144 - i) * 300_000;
      const hoursLeft = (144 - i) / 12;
      const value = hoursLeft > 2 ? warning - 1.5 : warning + 0.4 - hoursLeft * 0.6;
      return {
        station: river.code,
        element: 'level',
        time: new Date(t).toISOString(),
        value: Math.round(value * 100) / 100,
      };
    });
    await suite.gateway.desk.receive('erqi', levels, 'test');

    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=erqi&l=townships,stations&m=none&c=${river.position[0]},${river.position[1]},13`,
    );
    // The alarm counts the firing; the board lists it with its value against the threshold.
    const board = page.getByTestId('firing-board');
    await expect(board.textContent()).resolves.toContain(river.name);
    expect(await board.textContent()).toContain('超警戒水位');
    await expect(page.getByTestId('alarm-firings').textContent()).resolves.toMatch(
      /水雨情告警 \d+ 条/,
    );
    // The summary ranks it by its margin over 警戒.
    const summary = page.getByTestId('hydro-summary');
    await summary.locator('summary').click();
    await expect(summary.textContent()).resolves.toContain('距警戒（汛限）水位');
    expect(await summary.textContent()).toMatch(new RegExp(`${river.name}\\+0\\.\\d\\d m`));
    await summary.locator('summary').click();
    await board
      .getByRole('button', { name: new RegExp(river.name) })
      .first()
      .click();

    const details = page.getByTestId('details');
    await expect(details.getByTestId('station-state').textContent()).resolves.toBe('超警戒');
    const chart = details.getByTestId('station-chart');
    await page.locator('[data-testid="station-chart"][data-drawn]').waitFor();
    const svg = chart.locator('svg');
    await svg.waitFor();
    const text = (await svg.textContent()) ?? '';
    expect(text).toContain(`警戒水位 ${warning.toFixed(2)}`);
    expect(text).toContain('保证水位');
    expect(text).toContain('超警戒水位');
    await page.screenshot({ path: shotPath('console-erqi-station-chart') });

    // On the map the station's mark is the over-warning orange of the level colours.
    const at = await pixelOf(page, river.position);
    const mark = await page.screenshot({
      clip: { x: at.x - 6, y: at.y - 6, width: 12, height: 12 },
    });
    expect(countColour(mark, [0xf9, 0x7a, 0x14])).toBeGreaterThan(10);
    await page.close();
  });

  it('shows the 水雨情 scene on the wall: the stations, the rules’ warnings and the tiles', async () => {
    // The river fed above stands over its warning level.
    const { page } = await openApp(suite.browser.browser, suite.base, '/wall?s=erqi&scenes=hydro');
    await expect(page.getByTestId('wall-scene').textContent()).resolves.toContain('水雨情');
    const tile = page.locator('[data-kpi="overWarning"]');
    await expect(tile.locator('strong').textContent()).resolves.toBe('1');
    expect(await tile.getAttribute('data-level')).toBe('warn');
    await expect(page.locator('[data-kpi="rain1h"] h2').textContent()).resolves.toBe(
      '最大1小时雨量',
    );
    // Only the scene's tiles: no shelters or teams beside the water.
    expect(await page.locator('[data-kpi="teams"]').count()).toBe(0);
    await page.screenshot({ path: shotPath('wall-hydro-scene') });
    await page.close();
  });
});
