/**
 * The duty officer sees a full event log before a dispatch fails: an alarm over the map saying
 * nothing new can be saved (nothing saved is lost) and whom to call — gone once the log takes
 * writes again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../support/app-page.ts';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { startGateway } from '../support/gateway.ts';
import { shotPath } from '../support/screenshots.ts';

const dir = mkdtempSync(join(tmpdir(), 'onemap-e2e-log-full-'));
let browser: LaunchedBrowser;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  browser = await launchBrowser();
  gateway = await startGateway(['erqi'], true, {
    eventLog: join(dir, 'events.sqlite'),
    eventLogMaxBytes: 2 * 1024 * 1024,
    checkpointEvery: 0,
    retention: { telemetryAfterMs: 6_000, telemetryEveryMs: 1_000, everyMs: 0 },
  });
});
afterAll(async () => {
  await browser.close();
  await gateway.gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a full event log', () => {
  it('raises an alarm on the console until the log takes writes again', async () => {
    const { page } = await openApp(browser.browser, gateway.url, '/?s=erqi&l=incidents');
    await expect
      .poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 })
      .toContain('实时');
    const alarm = page.getByTestId('log-full');
    expect(await alarm.count()).toBe(0);

    const { hub } = gateway.gateway;
    const teams = [...(hub.live.get('erqi')?.teams.keys() ?? [])];
    let refused: unknown = null;
    for (let i = 0; refused === null && i < 200_000; i++) {
      try {
        await hub.publish('erqi', 'team:move', {
          id: teams[i % teams.length],
          position: [113.6, 34.7],
        });
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).not.toBeNull();

    await expect.poll(() => alarm.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await alarm.textContent()).toMatch(
      /服务器事件日志已满.*新的操作无法保存，已保存的不会丢失/,
    );
    await page.screenshot({ path: shotPath('log-full-alarm') });

    await expect.poll(() => alarm.count(), { timeout: 30_000, interval: 500 }).toBe(0);
  });
});
