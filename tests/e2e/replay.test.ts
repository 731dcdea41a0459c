import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/protocol/index.ts';
import { openApp, signIn } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { sampleIncident } from '../support/samples.ts';
import { shotPath } from '../support/screenshots.ts';

const suite = browserSuite(['erqi']);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Moves the scrubber as a hand would (React listens to the input event). */
const scrubTo = (ms: number) =>
  `(() => {
    const input = document.querySelector('input[name="replay-at"]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '${ms}');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  })()`;

describe('replay', () => {
  it('shows the past from the log, steps and plays it, never mixes it with live, and returns to live', async () => {
    const incident = sampleIncident({
      id: 'INC-REPLAY-UI',
      severity: 'III',
      title: '回放测试积水',
    });
    const steps: Incident[] = [
      incident,
      { ...incident, status: 'confirmed' },
      { ...incident, status: 'dispatched' },
    ];
    // Something happens first, so the log begins before the incident does.
    const first = await suite.gateway.hub.publish('erqi', 'team:status', {
      id: 'TM0001',
      status: 'available',
    });
    if (!first.ok) throw new Error(first.error);
    await pause(3000);
    const times: number[] = [];
    for (const [i, payload] of steps.entries()) {
      const r = await suite.gateway.hub.publish(
        'erqi',
        i === 0 ? 'incident:open' : 'incident:update',
        payload,
      );
      if (!r.ok) throw new Error(r.error);
      times.push(Date.parse(r.event.time));
      await pause(1500);
    }
    const [t0 = 0, t1 = 0] = times;
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&l=incidents&m=none',
    );
    const row = page.locator('[data-testid="incident-board"] li', { hasText: '回放测试积水' });
    try {
      // The log is operations: replay (and incidents' own titles) are for staff who signed in.
      await expect(page.getByTestId('replay-button').count()).resolves.toBe(0);
      await signIn(page, 'duty', 'on-duty-2026');
      // Live: the incident as it stands now.
      await expect(row.textContent()).resolves.toContain('已调派');
      await page.getByTestId('replay-button').click();
      await page.getByTestId('replay-bar').waitFor();
      await expect(page.locator('.app.replaying').count()).resolves.toBe(1);
      // The live badge stands aside while the past is shown.
      await expect(page.getByTestId('connection').count()).resolves.toBe(0);

      // Just after it was reported: the board shows it as it was then, as the log says.
      await page.evaluate(scrubTo(t0 + 500));
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('已接报');
      await expect(page.getByTestId('replay-time').textContent()).resolves.toMatch(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
      );
      // A past unacknowledged incident is not today's alarm.
      await expect(page.getByTestId('alarm').textContent()).resolves.toContain('0');
      await page.screenshot({ path: shotPath('replay-1-reported') });

      // One event forward: confirmed, and the clock is that event's time.
      await page.getByTestId('replay-step').click();
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('已核实');
      const shown = await page.getByTestId('replay-time').textContent();
      expect(shown?.slice(-8)).toBe(new Date(t1 + 8 * 3_600_000).toISOString().slice(11, 19));

      // Before it existed: not on the board at all.
      await page.evaluate(scrubTo(t0 - 2_000));
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);

      // Play at 60×: it appears and moves on to where it stands now.
      await page.locator('select[name="replay-speed"]').selectOption('60');
      await page.getByTestId('replay-play').click();
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('已调派');

      // Meanwhile the present moved on; back to live shows it without a reload.
      await suite.gateway.hub.publish('erqi', 'incident:update', {
        ...incident,
        status: 'closed',
      });
      await page.getByTestId('replay-exit').click();
      await expect(page.getByTestId('replay-bar').count()).resolves.toBe(0);
      await expect(page.locator('.app.replaying').count()).resolves.toBe(0);
      // Closed incidents leave the board's default (open) view: show all.
      await page.locator('[data-testid="incident-board"] select').first().selectOption('all');
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('已关闭');
    } finally {
      await page.close();
    }
  });
});
