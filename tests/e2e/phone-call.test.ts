import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApp, pixelOf, signIn } from '../support/app-page.ts';
import { browserSuite, withDutyOfficer } from '../support/browser-suite.ts';
import { shotPath } from '../support/screenshots.ts';

const suite = browserSuite(['erqi'], withDutyOfficer('e2e-phone-secret-long-enough-0123456789'));

describe('a call taken by phone', () => {
  it('is placed by a click on the map, created, and selected on the board', async () => {
    // 德化街道 lies around here (Erqi's old town).
    const at: [number, number] = [113.655, 34.752];
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=erqi&l=townships,incidents&m=none&c=${at[0]},${at[1]},14`,
    );
    try {
      // Only those who may command see the button.
      await expect(page.getByTestId('new-incident-button').count()).resolves.toBe(0);
      await signIn(page, 'duty', 'on-duty-2026');
      await page.getByTestId('new-incident-button').click();
      const form = page.getByTestId('new-incident');
      await expect(form.locator('button.primary').isDisabled()).resolves.toBe(true);
      const { x, y } = await pixelOf(page, at);
      await page.mouse.click(x, y);
      await expect(page.getByTestId('draft-position').textContent()).resolves.toMatch(
        /113\.65\d+, 34\.75\d+/,
      );
      await form.locator('select[name="type"]').selectOption('water_rescue');
      await form.locator('select[name="severity"]').selectOption('II');
      await form.locator('input[name="title"]').fill('来电：地下车库进水有人被困');
      await form.locator('input[name="address"]').fill('大学路某小区');
      await page.screenshot({ path: shotPath('console-erqi-phone-call-form') });
      await form.locator('button.primary').click();

      // The form gives way to the new incident's details; the board lists it.
      const details = page.getByTestId('details');
      // The command's answer can come before the incident's event reaches the console.
      await expect
        .poll(() => details.textContent(), { timeout: 10_000 })
        .toContain('来电：地下车库进水有人被困');
      const created = [...(suite.gateway.hub.live.get('erqi')?.incidents.values() ?? [])].find(
        (i) => i.title === '来电：地下车库进水有人被困',
      );
      expect(created).toMatchObject({
        type: 'water_rescue',
        severity: 'II',
        source: 'phone',
        address: '大学路某小区',
      });
      expect(created?.townshipCode).toMatch(/^410103\d{3}$/);
      expect(Math.abs((created?.position[0] ?? 0) - at[0])).toBeLessThan(0.0005);
      await expect(
        page.locator('[data-testid="incident-board"] li.selected').textContent(),
      ).resolves.toContain('来电：地下车库进水有人被困');
    } finally {
      await page.close();
    }
  });

  it('is placed from the gazetteer by name', async () => {
    const { page } = await openApp(suite.browser.browser, suite.base, '/?s=erqi&m=none');
    try {
      await signIn(page, 'duty', 'on-duty-2026');
      await page.getByTestId('new-incident-button').click();
      const form = page.getByTestId('new-incident');
      await form.locator('input[type="search"]').fill('德化');
      await form.locator('[role="option"]').first().click();
      await expect(page.getByTestId('draft-position').textContent()).resolves.toContain('德化');
      await form.locator('input[name="title"]').fill('来电：商场冒烟');
      await form.locator('select[name="type"]').selectOption('fire');
      await form.locator('button.primary').click();
      await page.getByTestId('details').waitFor({ timeout: 10_000 });
      const created = [...(suite.gateway.hub.live.get('erqi')?.incidents.values() ?? [])].find(
        (i) => i.title === '来电：商场冒烟',
      );
      expect(created?.address).toContain('德化');

      // The audit log shows both calls with who made them; filtered and exported as CSV.
      await page.getByTestId('audit-button').click();
      const audit = page.getByTestId('audit-dialog');
      const row = audit.locator('tbody tr', { hasText: created?.id ?? 'missing' });
      await row.waitFor({ timeout: 10_000 });
      await expect(row.textContent()).resolves.toMatch(/duty值班员新建事件CALL-.*已执行/);
      await expect(row.textContent()).resolves.toContain('"status":"confirmed"');
      await page.screenshot({ path: shotPath('console-erqi-audit') });
      await audit.locator('select[name="outcome"]').selectOption('refused');
      await page.waitForFunction(
        '!document.querySelector(\'[data-testid="audit-dialog"] tbody\')?.textContent?.includes("新建事件")',
      );
      await audit.locator('select[name="outcome"]').selectOption('done');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        audit.getByRole('button', { name: '导出 CSV' }).click(),
      ]);
      const path = await download.path();
      const csv = readFileSync(path, 'utf8');
      expect(csv).toContain('incident:create');
      expect(csv).toContain(created?.id ?? 'missing');
    } finally {
      await page.close();
    }
  });
});
