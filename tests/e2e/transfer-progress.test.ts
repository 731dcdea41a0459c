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
  it('a red warning prepares a draft by itself; published, the transfer progresses and is counted by name', async () => {
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
      // The exercise carries it out: every village reaches its shelters, and their people are
      // checked in by name — all but the few the exercise never accounts for, so the headline
      // (by name where villages have registers) passes 90% and the unaccounted are counted.
      const live = suite.gateway.hub.live.get('erqi');
      await expect
        .poll(() => [...(live?.progress.values() ?? [])].every((p) => p.status === 'sheltered'), {
          timeout: 90_000,
        })
        .toBe(true);
      const share = async () => Number(/(\d+)%$/.exec((await headline.textContent()) ?? '')?.[1]);
      await expect.poll(share, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(90);
      const unaccounted = panel.locator('[data-kpi="unaccounted"]');
      await expect(unaccounted.textContent()).resolves.toMatch(/未落实 [1-9][\d,]* 人/);
      await page.screenshot({ path: shotPath('transfer-erqi-progress-done') });
    } finally {
      await page.close();
    }
  });
});
