import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/operators.ts';
import { openApp } from '../support/app-page.ts';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { ROOT } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { shotPath } from '../support/screenshots.ts';

let browser: LaunchedBrowser;
let gateway: Gateway;
let url: string;

beforeAll(async () => {
  browser = await launchBrowser();
  gateway = await createGateway({
    fixturesDir: `${ROOT}fixtures`,
    staticDir: `${ROOT}dist`,
    eventLog: ':memory:',
    // The simulator plays the teams at 60× (and brings its own exercise incidents).
    simulator: { speed: 60, seed: 21 },
    tokenSecret: 'e2e-dispatch-secret-long-enough-0123456',
    operators: [{ name: 'duty', role: 'duty_officer', secret: hashPassword('on-duty-2026') }],
    scenarios: ['erqi'],
  });
  url = await gateway.listen(0);
});
afterAll(async () => {
  await browser.close();
  await gateway.close();
});

describe('dispatch from the console', () => {
  it('signs in, dispatches the recommended team to a selected incident, and shows it on scene', async () => {
    const incident = sampleIncident({ type: 'water_rescue', status: 'confirmed' });
    await gateway.hub.publish('erqi', 'incident:open', incident);
    const [lon, lat] = incident.position;
    const { page } = await openApp(
      browser.browser,
      url,
      `/?s=erqi&l=incidents,teams&m=none&c=${lon},${lat},13&sel=incidents:${incident.id}`,
    );
    try {
      const first = page.locator('[data-testid="recommendations"] li').first();
      await first.waitFor({ timeout: 15_000 });
      // A viewer sees the suggestions but no dispatch button.
      await expect(page.locator('button.dispatch').count()).resolves.toBe(0);

      await page.getByTestId('sign-in').click();
      await page.locator('input[name="name"]').fill('duty');
      await page.locator('input[name="password"]').fill('on-duty-2026');
      await page.locator('form.sign-in button[type="submit"]').click();
      await expect(page.getByTestId('session').textContent()).resolves.toContain('值班员');

      const team = (await first.locator('strong').textContent())?.replace(/\d+ 人$/, '').trim();
      await first.locator('button.dispatch').click();
      await page.locator('.recommendations .sent').waitFor({ timeout: 10_000 });
      const live = gateway.hub.live.get('erqi');
      const assigned = live?.incidents.get(incident.id)?.assignedTeamIds[0] ?? '';
      expect(live?.teams.get(assigned)?.name).toBe(team);

      // The simulator drives the team there; the details follow the incident live.
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="details"]\')?.textContent?.includes("状态到场")',
        null,
        { timeout: 60_000 },
      );
      await page.screenshot({ path: shotPath('console-erqi-dispatched-on-scene') });
      expect(live?.teams.get(assigned)?.status).toBe('on_scene');
    } finally {
      await page.close();
    }
  });
});
