import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { riverFloodScenarios } from '../../src/shared/transfer/hazard-scenarios.ts';
import { runPlanJob } from '../../src/shared/transfer/plan-job.ts';
import { openApp } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { countColour, shotPath } from '../support/screenshots.ts';
import { PNG } from 'pngjs';

/** The page's print dialog, stood in for by the test (see the printable plan below). */
interface Printing {
  print: () => void;
  printRequests?: number;
}

const pixelCount = (png: Buffer) => {
  const img = PNG.sync.read(png);
  return img.width * img.height;
};

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
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByTestId('export-xlsx').click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe('onemap-transfer-flood-jialu-river.xlsx');
      const book = readFileSync(await xlsx.path());
      // An Office Open XML workbook is a zip holding the sheets.
      expect(book.subarray(0, 2).toString()).toBe('PK');
      expect(book.includes(Buffer.from('xl/worksheets/sheet2.xml'))).toBe(true);

      // The printable plan (A3 landscape): title, hazard, the map, the tables — turned into a PDF
      // by the browser's print path, read back with poppler.
      await panel.locator('select[name="paper"]').selectOption('A3');
      // The app opens the browser's print dialog (window.print) once the sheet is in the page;
      // printing to PDF at the same time fails in Chromium ("Page is already being printed").
      // The dialog is stood in for, and the PDF made once the app has asked for it.
      await page.evaluate(() => {
        const w = globalThis as unknown as Printing;
        w.printRequests = 0;
        w.print = () => {
          w.printRequests = (w.printRequests ?? 0) + 1;
        };
      });
      await panel.getByTestId('print-plan').click();
      await page.getByTestId('print-sheet').waitFor({ state: 'attached' });
      await expect
        .poll(() => page.evaluate(() => (globalThis as unknown as Printing).printRequests))
        .toBe(1);
      const pdf = shotPath('transfer-plan-print').replace(/\.png$/, '.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('人员转移方案');
      expect(text).toContain('贾鲁河漫溢（情景）');
      const size = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      // One sheet of A3 landscape (1191 × 842 pt).
      expect(size).toMatch(/Pages:\s+1\n/);
      expect(size).toMatch(/Page size:\s+119\d\.\d+ x 84\d\.\d+ pts \(A3\)/);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '40',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        pdf.replace(/\.pdf$/, ''),
      ]);
      // The dark wall theme is not printed: the map comes out as its light negative, so next to
      // none of the page is the dark theme's background (#07101f), which filled the map before.
      const page1 = readFileSync(pdf.replace(/\.pdf$/, '-1.png'));
      expect(countColour(page1, [7, 16, 31], 10)).toBeLessThan(pixelCount(page1) * 0.01);

      // The planner forbids the biggest assignment and solves again: that pair is gone, everyone
      // still accounted for.
      const first = panel.getByTestId('plan-table').locator('tbody tr').first();
      const [village, shelter] = await Promise.all([
        first.locator('td').nth(0).textContent(),
        first.locator('td').nth(1).textContent(),
      ]);
      await first.locator('button[data-action="forbid"]').click();
      await expect(panel.getByTestId('constraints').textContent()).resolves.toContain('禁止 1 项');
      await panel.locator('button.primary').first().click();
      const pairs = () =>
        panel
          .getByTestId('plan-table')
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((r) => {
              const cells = (r as unknown as { cells: { textContent: string }[] }).cells;
              return `${cells[0]?.textContent}|${cells[1]?.textContent}`;
            }),
          );
      // The new plan's table (the old one goes while the worker runs): without that pair.
      await expect
        .poll(
          async () => {
            const now = await pairs();
            return now.length > 0 && !now.includes(`${village}|${shelter}`);
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      await page.screenshot({ path: shotPath('transfer-erqi-jialu-forbidden') });
    } finally {
      await page.close();
    }
  });

  it('plans for an area the planner draws on the map', async () => {
    const data = suite.gateway.scenarios.get('erqi');
    const get = <C extends 'villages' | 'shelters' | 'roads' | 'teams'>(c: C) =>
      (data?.collections.get(c) as EntityCollection<C>).entities;
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&l=townships&m=none&c=113.626,34.706,13',
    );
    try {
      await page.getByTestId('transfer-button').click();
      const panel = page.getByTestId('transfer-panel');
      await panel.getByTestId('draw-hazard').locator('button').first().click();
      await panel.locator('select[name="draw-depth"]').selectOption('deep');
      const box = await page.getByTestId('map').boundingBox();
      if (!box) throw new Error('no map on the page');
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const corners: [number, number][] = [
        [cx - 160, cy - 120],
        [cx + 160, cy - 120],
        [cx + 160, cy + 120],
        [cx - 160, cy + 120],
      ];
      // Where those pixels are on the ground, asked of the map before anything moves.
      const ring = await page.evaluate(
        ({ pts, x0, y0 }) =>
          pts.map(([x, y]) => {
            const map = (
              globalThis as unknown as {
                __onemap?: {
                  map: { unproject(p: [number, number]): { lng: number; lat: number } };
                };
              }
            ).__onemap?.map;
            const p = map?.unproject([x - x0, y - y0]);
            return [p?.lng ?? 0, p?.lat ?? 0] as [number, number];
          }),
        { pts: corners, x0: box.x, y0: box.y },
      );
      for (const [x, y] of [...corners, corners[0] ?? [cx, cy]]) {
        // As a hand does it: move there, then press and release.
        await page.mouse.move(x, y, { steps: 4 });
        await page.mouse.down();
        await page.mouse.up();
        // Apart enough not to be read as double clicks.
        await page.waitForTimeout(400);
      }
      const hazard = panel.locator('select[name="hazard"]');
      await expect.poll(() => hazard.inputValue(), { timeout: 10_000 }).toMatch(/^drawn-/);
      await expect(hazard.locator('option:checked').textContent()).resolves.toBe(
        '手绘范围（1 块）',
      );
      await page.screenshot({ path: shotPath('transfer-drawn-area') });

      const first = ring[0];
      if (!first) throw new Error('no ring');
      const expected = runPlanJob({
        hazard: {
          id: 'drawn',
          name: '',
          source: 'drawn',
          level: null,
          zones: [
            { geometry: { type: 'Polygon', coordinates: [[...ring, first]] }, depth: 'deep' },
          ],
        },
        villages: get('villages'),
        shelters: get('shelters'),
        roads: get('roads'),
        teams: get('teams'),
      });
      expect(expected.villages.length).toBeGreaterThan(0);
      await panel.getByTestId('draw-hazard').locator('button').first().click();
      await panel.locator('button.primary').click();
      await panel.getByTestId('plan-result').waitFor({ timeout: 60_000 });
      // The drawn ring went through the drawing library and back: the same villages, within a
      // person or two of rounding at its edges.
      const placed = Number(
        ((await panel.locator('[data-kpi="placed"]').textContent()) ?? '').replace(/\D/g, ''),
      );
      expect(Math.abs(placed - expected.plan.totals.placed)).toBeLessThanOrEqual(
        Math.max(2, expected.plan.totals.placed * 0.001),
      );
      await page.screenshot({ path: shotPath('transfer-drawn-plan') });
    } finally {
      await page.close();
    }
  });
});
