import { describe, expect, it } from 'vitest';
import { openApp, signIn } from '../support/app-page.ts';
import { browserSuite, withDutyOfficer } from '../support/browser-suite.ts';
import { shotPath } from '../support/screenshots.ts';

const suite = browserSuite(['erqi'], withDutyOfficer('e2e-hazards-secret-long-enough-0123456789'));

const kpi = (name: string) => `[data-testid="hazard-kpis"] [data-kpi="${name}"]`;
const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

describe('hidden hazards on the console', () => {
  it('shows the KPIs and the overdue list; a duty officer assigns rectification and the overdue count drops', async () => {
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&l=townships,hazards&m=none',
    );
    try {
      // Folded under the incident board; its summary line says how many are overdue.
      await expect(page.locator('.hazard-panel summary').textContent()).resolves.toMatch(
        /隐患排查治理\d+ 项逾期/,
      );
      await page.locator('.hazard-panel summary').click();
      await page.locator(kpi('investigated')).waitFor();
      expect(number(await page.locator(kpi('investigated')).textContent())).toBe(21_000);
      // Rectified 20,566 of 21,000 = 97.93%
      await expect(page.locator(kpi('rectified')).textContent()).resolves.toContain('97.93%');
      const overdue = number(await page.locator(kpi('overdue')).textContent());
      expect(overdue).toBeGreaterThan(0);
      const rows = page.locator('.overdue-list li');
      expect(await rows.count()).toBe(Math.min(30, overdue));

      await signIn(page, 'duty', 'on-duty-2026');
      await rows.first().locator('button').click();
      const details = page.getByTestId('details');
      await expect(details.textContent()).resolves.toContain('已逾期');
      const actions = page.getByTestId('hazard-actions');
      // Walk it to "rectified" (whatever step it is at), then back to "rectification assigned"
      // with a new deadline, as after a failed inspection.
      const statusIs = (text: string) =>
        page.waitForFunction(
          `document.querySelector('[data-testid="details"]')?.textContent?.includes(${JSON.stringify(text)})`,
          null,
          { timeout: 10_000 },
        );
      for (const [to, shown] of [
        ['verified', '状态已核实'],
        ['rectified', '状态已整改'],
      ] as const) {
        const button = actions.locator(`button[data-to="${to}"]`);
        if ((await button.count()) === 0) continue;
        await button.click();
        await statusIs(shown);
      }
      await actions.locator('input[name="deadline"]').fill('2099-12-31');
      await actions.locator('button[data-to="rectification_assigned"]').click();
      await statusIs('2099-12-31');
      await page.waitForFunction(
        `Number(document.querySelector(${JSON.stringify(kpi('overdue'))})?.textContent?.replace(/[^\\d]/g, '')) === ${overdue - 1}`,
        null,
        { timeout: 10_000 },
      );

      await page.screenshot({ path: shotPath('console-erqi-hazards') });
    } finally {
      await page.close();
    }
  });
});
