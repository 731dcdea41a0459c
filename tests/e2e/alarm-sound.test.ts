/**
 * A console the browser opened without a gesture (reloaded on its own: a new version, a wall
 * switched on at dawn) cannot play sound: the alarm says so, visibly, until someone clicks, and
 * then rings. Headless Chromium plays sound without a gesture, so the page is given a desktop
 * browser's rule: an AudioContext starts suspended and resumes only after a click or a key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../support/app-page.ts';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { startGateway } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { shotPath } from '../support/screenshots.ts';

let browser: LaunchedBrowser;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  browser = await launchBrowser();
  gateway = await startGateway(['erqi'], true);
});
afterAll(async () => {
  await browser.close();
  await gateway.gateway.close();
});

describe('the alarm’s sound after a reload', () => {
  it('asks for a click while the browser holds sound back, then rings', async () => {
    const { page } = await openApp(browser.browser, gateway.url, '/?s=erqi&l=incidents');
    await page.addInitScript({
      content: `{
        let gesture = false;
        for (const type of ['pointerdown', 'keydown'])
          window.addEventListener(type, () => (gesture = true), true);
        const Real = window.AudioContext;
        window.AudioContext = class extends Real {
          constructor(options) {
            super(options);
            void super.suspend();
          }
          resume() {
            return gesture ? super.resume() : Promise.resolve();
          }
        };
      }`,
    });
    // As after the console reloads on its own: no gesture on this page yet.
    await page.reload();
    try {
      const enable = page.getByTestId('alarm-enable-sound');
      await expect.poll(() => enable.isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await enable.textContent()).toContain('点击启用警报声音');
      // The reloaded page subscribes again; an incident published before that comes with the
      // snapshot, after it as an event: either way it must ring, on a loaded machine too.
      await expect
        .poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 })
        .toContain('实时');
      await gateway.gateway.hub.publish('erqi', 'incident:open', sampleIncident({ severity: 'I' }));
      await expect
        .poll(() => page.getByTestId('alarm').textContent(), { timeout: 10_000 })
        .toContain('未确认警情 1 起');
      await page.screenshot({ path: shotPath('alarm-sound-blocked') });
      // The click resumes the alarm's audio: the notice goes when its context runs.
      await enable.click();
      await expect.poll(() => enable.isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });
});
