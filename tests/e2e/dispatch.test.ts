import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/operators.ts';
import { openSignedIn } from '../support/app-page.ts';
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
    dataDir: `${ROOT}fixtures`,
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

describe('the whole loop on the console', () => {
  it('incident arrives → alarm → acknowledge → recommendation → preview → dispatch two teams → they drive → arrive → resolve → close', async () => {
    const incident = sampleIncident({ type: 'water_rescue', severity: 'I', status: 'reported' });
    const [lon, lat] = incident.position;
    // Real accounts: the console signs in first (READ_ACCESS=signed-in), then shows the map.
    const { page } = await openSignedIn(
      browser.browser,
      url,
      `/?s=erqi&l=incidents,teams&m=none&c=${lon},${lat},13`,
      'duty',
      'on-duty-2026',
    );
    try {
      await expect(page.getByTestId('session').textContent()).resolves.toContain('值班员');
      await gateway.hub.publish('erqi', 'incident:open', incident);
      // The alarm rings for a level I incident until a duty officer acknowledges it.
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="alarm"]\')?.textContent?.includes("未确认警情 1 起")',
      );
      await page.screenshot({ path: shotPath('loop-1-alarm') });
      const row = page.locator('[data-testid="incident-board"] li', { hasText: incident.title });
      await row.locator('button.row').click();
      await row.locator('button.ack').click();
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="alarm"]\')?.textContent?.includes("未确认警情 0 起")',
      );

      // Recommendations; pick the first two, preview, confirm.
      const suggestions = page.locator('[data-testid="recommendations"] li');
      await suggestions.nth(1).waitFor({ timeout: 15_000 });
      const names = (await suggestions.locator('strong').allTextContents()).map((n) =>
        n.replace(/\d+ 人$/, '').trim(),
      );
      await suggestions.nth(0).locator('input.pick').check();
      await suggestions.nth(1).locator('input.pick').check();
      await page.locator('button.dispatch').click();
      const preview = page.getByTestId('dispatch-preview');
      await expect(preview.textContent()).resolves.toContain('共 2 支队伍');
      // Nothing is sent before confirming.
      expect(gateway.hub.live.get('erqi')?.incidents.get(incident.id)?.status).toBe('confirmed');
      await page.screenshot({ path: shotPath('loop-2-preview') });
      await preview.locator('button.confirm').click();
      await page.locator('.recommendations .sent').waitFor({ timeout: 10_000 });
      const live = gateway.hub.live.get('erqi');
      const sent = live?.incidents.get(incident.id)?.assignedTeamIds ?? [];
      expect(sent.map((id) => live?.teams.get(id)?.name)).toEqual(names.slice(0, 2));

      // Countdowns while they drive, then "on scene" for each; the log tells the story.
      const tracker = page.getByTestId('dispatch-tracker');
      await tracker.locator('.countdown').first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: shotPath('loop-3-en-route') });
      await page.waitForFunction(
        'document.querySelectorAll(\'[data-testid="dispatch-tracker"] .arrived\').length === 2',
        null,
        { timeout: 90_000 },
      );
      await expect(tracker.locator('ol.log').textContent()).resolves.toContain('到场');
      await page.screenshot({ path: shotPath('loop-4-on-scene') });
      expect(sent.every((id) => live?.teams.get(id)?.status === 'on_scene')).toBe(true);

      // Resolve, then close with a reason.
      const actions = page.getByTestId('incident-actions');
      await actions.locator('button[data-to="resolved"]').click();
      await expect.poll(() => live?.incidents.get(incident.id)?.status).toBe('resolved');
      await actions.locator('input[name="reason"]').fill('被困群众已全部转移');
      await actions.locator('button[data-to="closed"]').click();
      await expect.poll(() => live?.incidents.get(incident.id)?.status).toBe('closed');
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="details"]\')?.textContent?.includes("状态已关闭")',
      );
      await page.screenshot({ path: shotPath('loop-5-closed') });
    } finally {
      await page.close();
    }
  });
});

describe('incident board and alarm', () => {
  it('lists incidents by severity, rings for a new serious one until a duty officer acknowledges it, and selects on click', async () => {
    const quiet = await createGateway({
      dataDir: `${ROOT}fixtures`,
      staticDir: `${ROOT}dist`,
      eventLog: ':memory:',
      simulator: null,
      tokenSecret: 'e2e-board-secret-long-enough-0123456789',
      operators: [{ name: 'duty', role: 'duty_officer', secret: hashPassword('on-duty-2026') }],
      scenarios: ['erqi'],
    });
    const base = await quiet.listen(0);
    const minor = sampleIncident({ severity: 'IV', title: '小区积水' });
    await quiet.hub.publish('erqi', 'incident:open', minor);
    const { page } = await openSignedIn(
      browser.browser,
      base,
      '/?s=erqi&l=incidents&m=none',
      'duty',
      'on-duty-2026',
    );
    try {
      const alarm = page.getByTestId('alarm');
      await expect(alarm.textContent()).resolves.toContain('未确认警情 0 起');
      const serious = sampleIncident({ severity: 'I', title: '隧道积水被困' });
      await quiet.hub.publish('erqi', 'incident:open', serious);
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="alarm"]\')?.textContent?.includes("未确认警情 1 起")',
      );
      await expect(alarm.getAttribute('class')).resolves.toContain('active');
      // Most severe first, whatever the order they came in.
      const rows = page.locator('[data-testid="incident-board"] li');
      await expect(rows.nth(0).textContent()).resolves.toContain('隧道积水被困');
      await expect(rows.nth(1).textContent()).resolves.toContain('小区积水');
      await page.screenshot({ path: shotPath('console-erqi-alarm-board') });

      await rows.nth(0).locator('button.row').click();
      await expect(page.getByTestId('details').textContent()).resolves.toContain('隧道积水被困');
      await expect(rows.nth(0).getAttribute('aria-current')).resolves.toBe('true');

      await rows.nth(0).locator('button.ack').click();
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="alarm"]\')?.textContent?.includes("未确认警情 0 起")',
      );
      expect(quiet.hub.live.get('erqi')?.incidents.get(serious.id)?.status).toBe('confirmed');

      // Closing from the details needs a reason; then the board's open view drops it.
      const actions = page.getByTestId('incident-actions');
      await expect(actions.locator('button[data-to="closed"]').isDisabled()).resolves.toBe(true);
      await actions.locator('input[name="reason"]').fill('积水已排除，人员安全');
      await actions.locator('button[data-to="closed"]').click();
      await expect
        .poll(() => quiet.hub.live.get('erqi')?.incidents.get(serious.id)?.status)
        .toBe('closed');
      await page.waitForFunction(
        '![...document.querySelectorAll(\'[data-testid="incident-board"] li\')].some((li) => li.textContent.includes("隧道积水被困"))',
      );
      await page.screenshot({ path: shotPath('console-erqi-incident-closed') });
    } finally {
      await page.close();
      await quiet.close();
    }
  });
});
