import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/server/app.ts';
import { TEST_SECRET, fetchSignedIn } from '../support/access.ts';
import { openApp, pixelOf, signIn } from '../support/app-page.ts';
import { withDutyOfficer } from '../support/browser-suite.ts';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { ROOT } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { countColour, shotPath } from '../support/screenshots.ts';

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
    dataDir: `${ROOT}fixtures`,
    staticDir: `${ROOT}dist`,
    eventLog: log,
    // A simulator slowed to a crawl and without its weather: marks the feed as exercise without
    // moving anything.
    simulator: exercise ? { speed: 0.000001, seed: 1, weather: false } : null,
    scenarios: ['erqi'],
    // The sample's open read API, and a duty officer for what needs an account.
    readAccess: 'open',
    ...withDutyOfficer(TEST_SECRET),
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

  it('shows the restored state when the log is replaced by an older backup, and says the picture was rebuilt', async () => {
    const log = join(dir, 'restored.sqlite');
    const backup = join(dir, 'restored-backup.sqlite');
    const a = await gateway(log);
    await a.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'I' }));
    await a.close();
    // The backup holds one incident; the log goes on to three.
    copyFileSync(log, backup);
    const b = await gateway(log);
    const url = await b.listen(0);
    const port = Number(new URL(url).port);
    const { page } = await openApp(browser.browser, url, '/?s=erqi&l=townships,incidents&m=none');
    const count = (n: number) =>
      page.waitForFunction(
        `document.querySelector('[data-testid="count-incidents"]')?.textContent?.trim() === "${n} / ${n}"`,
        null,
        { timeout: 20_000 },
      );
    try {
      await b.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'I' }));
      await b.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'I' }));
      await count(3);
      await b.close();
      // The operator restores the backup and starts the gateway again; events follow at once.
      copyFileSync(backup, log);
      const c = await gateway(log);
      await c.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'II' }));
      await c.listen(port);
      try {
        // The restored log (one incident) and the one after it: two, not the three it showed.
        await count(2);
        const banner = page.getByTestId('connection');
        await expect
          .poll(() => banner.textContent(), { timeout: 10_000 })
          .toContain('已按服务器数据重建画面');
        expect(await banner.textContent()).toContain('实时');
        // And it follows the restored log: a new event there arrives.
        await c.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'II' }));
        await count(3);
        await page.screenshot({ path: shotPath('live-log-restored') });
      } finally {
        await c.close();
      }
    } finally {
      await page.close();
    }
  });

  it('moves a grid member’s dot on the map as its position streams in (binary frames, no reload)', async () => {
    const a = await gateway(join(dir, 'positions.sqlite'));
    const url = await a.listen(0);
    const t = a.hub.telemetry.get('erqi');
    if (!t) throw new Error('no telemetry');
    // A spot ~300 m from member 0 with nobody else within ~250 m: the dot will be alone there.
    const near = (lon: number, lat: number) => {
      let best = Infinity;
      for (let i = 0; i < t.count; i++)
        best = Math.min(
          best,
          Math.hypot((t.positions[i * 2] ?? 0) - lon, (t.positions[i * 2 + 1] ?? 0) - lat),
        );
      return best;
    };
    const [hx = 0, hy = 0] = [t.positions[0], t.positions[1]];
    const spot = [0, 1, 2, 3, 4, 5, 6, 7]
      .map((k): [number, number] => [
        hx + 0.003 * Math.cos((k * Math.PI) / 4),
        hy + 0.003 * Math.sin((k * Math.PI) / 4),
      ])
      .sort((p, q) => near(...q) - near(...p))[0] ?? [hx, hy];
    expect(near(...spot)).toBeGreaterThan(0.0025);
    const { page } = await openApp(
      browser.browser,
      url,
      `/?s=erqi&l=grid-members&m=none&c=${spot[0].toFixed(5)},${spot[1].toFixed(5)},16`,
    );
    try {
      // Where grid members are is for staff who signed in.
      await signIn(page, 'duty', 'on-duty-2026');
      await page.waitForFunction('window.__onemapPositions?.get("erqi")?.count === 1225');
      // The dots come from the stream only once the members themselves have loaded (the store is
      // matched to them): before that a move shows nowhere, however long one waits.
      await expect
        .poll(() => page.getByTestId('count-grid-members').textContent(), { timeout: 30_000 })
        .toMatch(/1,?225 \/ 1,?225/);
      const green: [number, number, number] = [163, 230, 53];
      const around = async () => {
        const p = await pixelOf(page, spot);
        return countColour(
          await page.screenshot({ clip: { x: p.x - 8, y: p.y - 8, width: 16, height: 16 } }),
          green,
          48,
        );
      };
      expect(await around()).toBe(0);
      t.move(Uint32Array.from([0]), Float32Array.from(spot));
      // Software GL under a full suite draws slowly: a generous wait, not a timing claim.
      await expect.poll(around, { timeout: 30_000 }).toBeGreaterThan(10);
      await page.screenshot({ path: shotPath('live-erqi-grid-member-moved') });
      t.move(Uint32Array.from([0]), Float32Array.from([hx, hy]));
      await expect.poll(around, { timeout: 30_000 }).toBe(0);
    } finally {
      await page.close();
      await a.close();
    }
  });

  it('recommends teams for a selected incident, explains each, and previews the best route on the map', async () => {
    const a = await gateway(join(dir, 'recommend.sqlite'));
    const url = await a.listen(0);
    const incident = sampleIncident({ type: 'water_rescue', status: 'confirmed' });
    await a.hub.publish('erqi', 'incident:open', incident);
    const api = (await (
      await fetchSignedIn(`${url}/api/scenarios/erqi/incidents/${incident.id}/recommendations`)
    ).json()) as { suggestions: { teamName: string }[] };
    const [lon, lat] = incident.position;
    const { page } = await openApp(
      browser.browser,
      url,
      `/?s=erqi&l=incidents&m=none&c=${lon},${lat},12&sel=incidents:${incident.id}`,
    );
    try {
      await signIn(page, 'duty', 'on-duty-2026');
      const first = page.locator('[data-testid="recommendations"] li').first();
      await first.waitFor({ timeout: 15_000 });
      await expect(first.textContent()).resolves.toContain(api.suggestions[0]?.teamName ?? '?');
      await expect(first.textContent()).resolves.toMatch(/\d+ 分钟到场 · 水域救援/);
      await page.waitForTimeout(500);
      const shot = await page.screenshot({ path: shotPath('console-erqi-recommendations') });
      // The best route is drawn in the route colour (#facc15).
      expect(countColour(shot, [250, 204, 21], 40)).toBeGreaterThan(50);
    } finally {
      await page.close();
      await a.close();
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
