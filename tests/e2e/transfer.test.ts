import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { riverFloodScenarios } from '../../src/shared/transfer/hazard-area.ts';
import { runPlanJob } from '../../src/shared/transfer/plan-job.ts';
import { openApp } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { shotPath } from '../support/screenshots.ts';

const suite = browserSuite(['erqi']);

describe('transfer planning', () => {
  it('plans a flood scenario in a worker with progress, shows the plan on the map and in tables, and exports CSV', async () => {
    const data = suite.gateway.scenarios.get('erqi');
    const get = <C extends 'villages' | 'shelters' | 'roads' | 'teams' | 'rivers'>(c: C) =>
      (data?.collections.get(c) as EntityCollection<C>).entities;
    const hazard = riverFloodScenarios(get('rivers')).find((h) => h.id === 'flood-jialu-river');
    if (!hazard) throw new Error('no Jialu River in the Erqi sample');
    // The same job computed here, independently of the browser.
    const expected = runPlanJob({
      hazard,
      villages: get('villages'),
      shelters: get('shelters'),
      roads: get('roads'),
      teams: get('teams'),
    });
    expect(expected.plan.totals.people).toBeGreaterThan(0);

    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&l=townships&m=none',
    );
    try {
      await page.getByTestId('transfer-button').click();
      const panel = page.getByTestId('transfer-panel');
      await panel.locator('select[name="hazard"]').selectOption('flood-jialu-river');
      await panel.locator('button.primary').click();
      await panel.getByTestId('plan-result').waitFor({ timeout: 60_000 });
      const placed = Number(
        ((await panel.locator('[data-kpi="placed"]').textContent()) ?? '').replace(/\D/g, ''),
      );
      expect(placed).toBe(expected.plan.totals.placed);
      const unplaced = Number(
        ((await panel.locator('[data-kpi="unplaced"]').textContent()) ?? '').replace(/\D/g, ''),
      );
      expect(unplaced).toBe(expected.plan.totals.unplaced);
      expect(await panel.getByTestId('plan-table').locator('tbody tr').count()).toBe(
        Math.min(200, expected.plan.assignments.length + expected.plan.unplaced.length),
      );
      await page.screenshot({ path: shotPath('transfer-erqi-jialu') });

      const [file] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByTestId('export-csv').click(),
      ]);
      const csv = readFileSync(await file.path(), 'utf8');
      expect(csv.startsWith('\uFEFF乡镇（街道）,村（社区）,避难场所,人数')).toBe(true);
      const people = csv
        .trim()
        .split('\n')
        .slice(1)
        .reduce((n, line) => n + Number(line.split(',')[3]), 0);
      expect(people).toBe(expected.plan.totals.people);
    } finally {
      await page.close();
    }
  });
});
