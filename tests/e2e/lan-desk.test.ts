import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/operators.ts';
import type { WithMap } from '../support/map-handle.ts';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { startGateway } from '../support/gateway.ts';
import { shotPath } from '../support/screenshots.ts';
import { TEST_SECRET } from '../support/access.ts';

/**
 * A desk on the bureau's LAN: the console opened as http://onemap.test:PORT (a host name, plain
 * HTTP), so the page is not a secure context, under the gateway's real Content-Security-Policy
 * (no bypass), on a gateway with real accounts (READ_ACCESS=signed-in). The officer signs in,
 * takes a phone call and dispatches a team; nothing on that path may need a secure context, and
 * the page must not break the policy once.
 */
let browser: LaunchedBrowser;
let gateway: Gateway;
let port: number;

beforeAll(async () => {
  const started = await startGateway(['erqi'], true, {
    readAccess: 'signed-in',
    tokenSecret: TEST_SECRET,
    operators: [{ name: 'desk-3', role: 'duty_officer', secret: hashPassword('lan-desk-2026') }],
    allowedHosts: ['onemap.test'],
  });
  gateway = started.gateway;
  port = Number(new URL(started.url).port);
  browser = await launchBrowser('llvmpipe', ['--host-resolver-rules=MAP onemap.test 127.0.0.1']);
});
afterAll(async () => {
  await browser.close();
  await gateway.close();
});

/** Polls a predicate in the page without evaluating strings (the policy forbids eval). */
async function until(page: Page, what: string, test: () => boolean, timeout = 60_000) {
  await expect
    .poll(() => page.evaluate(test), { timeout, interval: 250, message: what })
    .toBe(true);
}

describe('a desk on the LAN over plain HTTP', () => {
  it('signs in, takes a phone call and dispatches a team, with no secure context and no CSP violation', async () => {
    const page = await browser.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
    const at: [number, number] = [113.655, 34.752];
    try {
      await page.goto(
        `http://onemap.test:${port}/?s=erqi&l=townships,incidents,teams&m=none&c=${at[0]},${at[1]},14`,
      );
      // The page's own view of itself: not a secure context, on the LAN name.
      const where = await page.evaluate(() => {
        const g = globalThis as unknown as { isSecureContext: boolean; location: { host: string } };
        return { secure: g.isSecureContext, host: g.location.host };
      });
      expect(where).toEqual({ secure: false, host: `onemap.test:${port}` });

      // Real accounts: the sign-in first, nothing of the picture before it.
      const gate = page.getByTestId('sign-in-required');
      await gate.waitFor();
      await page.screenshot({ path: shotPath('lan-1-sign-in') });
      await gate.locator('input[name="name"]').fill('desk-3');
      await gate.locator('input[name="password"]').fill('lan-desk-2026');
      await gate.locator('button[type="submit"]').click();
      await page.getByTestId('session').waitFor();
      await until(page, 'the map', () => {
        const map = (globalThis as WithMap).__onemap?.map;
        return Boolean(map?.getLayer('townships-fill') && map.loaded() && map.areTilesLoaded());
      });

      // A call taken by phone: placed by a click on the map.
      await page.getByTestId('new-incident-button').click();
      const form = page.getByTestId('new-incident');
      const p = await page.evaluate(
        (ll) => (globalThis as WithMap).__onemap?.map.project(ll) ?? { x: 0, y: 0 },
        at,
      );
      const box = await page.getByTestId('map').boundingBox();
      await page.mouse.click((box?.x ?? 0) + p.x, (box?.y ?? 0) + p.y);
      await form.locator('select[name="type"]').selectOption('water_rescue');
      await form.locator('select[name="severity"]').selectOption('II');
      await form.locator('input[name="title"]').fill('来电：商场地下车库进水');
      await form.locator('button.primary').click();
      const live = gateway.hub.live.get('erqi');
      const find = () =>
        [...(live?.incidents.values() ?? [])].find((i) => i.title === '来电：商场地下车库进水');
      await expect.poll(() => find()?.source, { timeout: 10_000 }).toBe('phone');
      const incident = find();
      if (!incident) throw new Error('no incident');

      // The recommended team, previewed and sent.
      const suggestions = page.locator('[data-testid="recommendations"] li');
      await suggestions.first().waitFor({ timeout: 15_000 });
      await suggestions.first().locator('input.pick').check();
      await page.locator('button.dispatch').click();
      await page.getByTestId('dispatch-preview').locator('button.confirm').click();
      await page.locator('.recommendations .sent').waitFor({ timeout: 10_000 });
      await expect
        .poll(() => live?.incidents.get(incident.id)?.status, { timeout: 10_000 })
        .toBe('dispatched');
      const [team] = live?.incidents.get(incident.id)?.assignedTeamIds ?? [];
      expect(live?.teams.get(team ?? '')?.status).toBe('dispatched');
      expect(live?.incidents.get(incident.id)?.dispatches?.[0]?.by).toBe('desk-3');
      await page.waitForTimeout(500);
      await page.screenshot({ path: shotPath('lan-2-dispatched') });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
