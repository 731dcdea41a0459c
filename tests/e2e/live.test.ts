import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/server/app.ts';
import { openApp } from '../support/app-page.ts';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { ROOT } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { shotPath } from '../support/screenshots.ts';

let browser: LaunchedBrowser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'onemap-live-'));
});
afterAll(async () => {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A gateway on a log file that outlives it, as after a restart; `simulator: null` keeps it quiet. */
function gateway(log: string, exercise = false): Promise<Gateway> {
  return createGateway({
    fixturesDir: `${ROOT}fixtures`,
    staticDir: `${ROOT}dist`,
    eventLog: log,
    // A simulator slowed to a crawl: marks the feed as exercise without moving anything.
    simulator: exercise ? { speed: 0.000001, seed: 1 } : null,
    scenarios: ['erqi'],
  });
}

describe('live feed in the browser', () => {
  it('shows a published incident live, says when the link drops, and replays what it missed', async () => {
    const log = join(dir, 'events.sqlite');
    const a = await gateway(log);
    const url = await a.listen(0);
    const port = Number(new URL(url).port);
    const { page } = await openApp(browser.browser, url, '/?s=erqi&l=townships,incidents&m=none');
    const banner = page.getByTestId('connection');
    await page.waitForFunction(
      'document.querySelector(\'[data-testid="connection"]\')?.textContent?.includes("实时")',
    );
    await a.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'I' }));
    await page.waitForFunction(
      'document.querySelector(\'[data-testid="count-incidents"]\')?.textContent?.trim() === "1 / 1"',
      null,
      { timeout: 5_000 },
    );

    await a.close();
    await page.waitForFunction(
      'document.querySelector(\'[data-testid="connection"]\')?.textContent?.includes("连接中断")',
      null,
      { timeout: 10_000 },
    );

    // While the browser is cut off, two more incidents happen and the gateway restarts.
    const b = await gateway(log, true);
    await b.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'I' }));
    await b.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'I' }));
    await b.listen(port);
    try {
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="count-incidents"]\')?.textContent?.trim() === "3 / 3"',
        null,
        { timeout: 20_000 },
      );
      await expect(banner.textContent()).resolves.toContain('已补齐 2 条更新');
      await expect(page.locator('.exercise-watermark').isVisible()).resolves.toBe(true);
      await page.screenshot({ path: shotPath('live-erqi-replayed') });
    } finally {
      await page.close();
      await b.close();
    }
  });

  it('covers the whole map with a stale notice when the feed stays lost', async () => {
    const a = await gateway(join(dir, 'stale.sqlite'));
    const url = await a.listen(0);
    const { page } = await openApp(browser.browser, url, '/?s=erqi');
    await page.waitForFunction(
      'document.querySelector(\'[data-testid="connection"]\')?.textContent?.includes("实时")',
    );
    await a.close();
    await page.waitForFunction('document.querySelector(".stale-cover")', null, { timeout: 20_000 });
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('实时数据中断');
    await page.screenshot({ path: shotPath('live-erqi-stale') });
    await page.close();
  });
});
