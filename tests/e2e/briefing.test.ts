import { describe, expect, it } from 'vitest';
import { cameraOff, mapCentre, openApp, signIn } from '../support/app-page.ts';
import { browserSuite, withDutyOfficer } from '../support/browser-suite.ts';
import type { WithMap } from '../support/map-handle.ts';
import { shotPath } from '../support/screenshots.ts';

const suite = browserSuite(['erqi'], withDutyOfficer('e2e-briefing-secret-long-enough-012345'));

/** The layer panel's switch for a layer, by its name. */
const layerSwitch = (page: Awaited<ReturnType<typeof openApp>>['page'], name: string) =>
  page.locator('summary label', { hasText: new RegExp(`^${name}$`) }).locator('input');
const layerOn = (page: Awaited<ReturnType<typeof openApp>>['page'], name: string) =>
  layerSwitch(page, name).isChecked();

describe('briefing', () => {
  it('steps through saved scenes, and a participant in another browser follows the presenter', async () => {
    const presenter = await openApp(
      suite.browser.browser,
      suite.base,
      '/briefing?s=erqi&l=townships,shelters&m=none&c=113.6,34.72,12',
    );
    const follower = await openApp(suite.browser.browser, suite.base, '/briefing/follow?s=erqi');
    const p = presenter.page;
    const f = follower.page;
    try {
      await signIn(p, 'duty', 'on-duty-2026');
      // Scene 1: as the link opened it.
      await p.locator('input[name="slide-title"]').fill('南部避难场所');
      await p.locator('textarea[name="slide-notes"]').fill('夜间床位充足，可接收马寨镇转移群众');
      await p.getByTestId('briefing-save').click();
      // Scene 2: elsewhere, with teams instead of shelters.
      await p.evaluate(() =>
        (globalThis as WithMap).__onemap?.map.jumpTo({ center: [113.65, 34.75], zoom: 14 }),
      );
      await layerSwitch(p, '避难场所').uncheck();
      await layerSwitch(p, '救援队伍').check();
      await p.locator('input[name="slide-title"]').fill('城区队伍部署');
      await p.getByTestId('briefing-save').click();

      // Back to scene 1 and present it.
      await p.locator('.slides li button', { hasText: '南部避难场所' }).click();
      await expect
        .poll(async () => (await mapCentre(p))?.zoom ?? 0, { timeout: 10_000 })
        .toBeCloseTo(12, 1);
      await expect(layerOn(p, '避难场所')).resolves.toBe(true);
      await p.locator('input[name="present"]').check();
      await f.getByTestId('briefing-title').waitFor({ timeout: 15_000 });
      await expect(f.getByTestId('briefing-title').textContent()).resolves.toBe('南部避难场所');
      await expect
        .poll(() => cameraOff(f, [113.6, 34.72], 12), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await expect(layerOn(f, '避难场所')).resolves.toBe(true);
      await f.screenshot({ path: shotPath('briefing-follower-1') });

      // Next scene: the participant follows to it, layers and all.
      await p.getByTestId('briefing-next').click();
      await expect
        .poll(() => f.getByTestId('briefing-title').textContent(), { timeout: 15_000 })
        .toBe('城区队伍部署');
      await expect
        .poll(() => cameraOff(f, [113.65, 34.75], 14), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await expect(layerOn(f, '避难场所')).resolves.toBe(false);
      await expect(layerOn(f, '救援队伍')).resolves.toBe(true);
      await p.screenshot({ path: shotPath('briefing-presenter-2') });
      await f.screenshot({ path: shotPath('briefing-follower-2') });
    } finally {
      await p.close();
      await f.close();
    }
  });
});
