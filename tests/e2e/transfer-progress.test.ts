import { describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { capMessage } from '../../src/server/sim/exercise-script.ts';
import { openApp, signIn } from '../support/app-page.ts';
import { browserSuite, withDutyOfficer } from '../support/browser-suite.ts';
import { shotPath } from '../support/screenshots.ts';

// The exercise at 300×: a village's transfer takes up to ~70 simulated minutes, ~14 s here.
const suite = browserSuite(['erqi'], {
  ...withDutyOfficer('e2e-transfer-secret-long-enough-0123456789'),
  simulator: { speed: 300, seed: 11 },
});

describe('应转尽转 from a warning', () => {
  it('a red warning prepares a draft by itself; published, the transfer progresses to 100%', async () => {
    const townships = (
      suite.gateway.scenarios
        .get('erqi')
        ?.collections.get('townships') as EntityCollection<'townships'>
    ).entities;
    // The least populous township keeps the test short.
    const township = [...townships].sort((a, b) => a.population - b.population)[0];
    if (!township) throw new Error('no township');
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&l=townships&m=none',
    );
    try {
      await signIn(page, 'duty', 'on-duty-2026');
      const warning = {
        ...capMessage('erqi', 1, township, 'red', 'Alert', []),
        status: 'Actual' as const,
      };
      await suite.gateway.hub.publish('erqi', 'warning:issue', warning);

      // The panel opens with a draft for the warned township, its villages marked.
      const panel = page.getByTestId('transfer-panel');
      await panel.getByTestId('plan-result').waitFor({ timeout: 60_000 });
      await expect(panel.locator('select[name="hazard"]').inputValue()).resolves.toBe(
        `warning-${warning.identifier}`,
      );
      await page.screenshot({ path: shotPath('transfer-erqi-warning-draft') });

      await panel.getByTestId('publish-plan').click();
      await panel.locator('[role="status"]').waitFor();
      const headline = panel.locator('[data-kpi="transferred"]');
      await headline.waitFor({ timeout: 10_000 });
      await expect(headline.textContent()).resolves.toMatch(/已转移 0 \/ 应转移 [\d,]+ 人0%/);
      // The exercise carries it out; the headline reaches 100%.
      await page.waitForFunction(
        `document.querySelector('[data-kpi="transferred"]')?.textContent?.endsWith("100%")`,
        null,
        { timeout: 90_000, polling: 500 },
      );
      await page.screenshot({ path: shotPath('transfer-erqi-progress-done') });
      const live = suite.gateway.hub.live.get('erqi');
      // Arrived counts as transferred; registration in the shelters follows.
      await expect
        .poll(() => [...(live?.progress.values() ?? [])].every((p) => p.status === 'sheltered'), {
          timeout: 30_000,
        })
        .toBe(true);
    } finally {
      await page.close();
    }
  });
});
