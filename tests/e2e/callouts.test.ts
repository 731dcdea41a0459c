import { describe, expect, it } from 'vitest';
import { LoopbackMessenger } from '../../src/server/callout/loopback-messenger.ts';
import { openApp, signIn } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { villagesOf, warningOver } from '../support/callouts.ts';
import { shotPath } from '../support/screenshots.ts';

// 叫应 end to end: the gateway calls (loopback provider), a phone opens the link from the
// outbox in its own browser context and answers, the duty officer's board follows.
const suite = browserSuite(['erqi'], { callout: { sweepMs: 0 } });

describe('叫应 on a phone and on the console', () => {
  it('a person answers from the SMS link on a phone; the board shows who answered, who waits, and the escalation', async () => {
    const [a, b] = villagesOf(suite.gateway, 'erqi', 2);
    if (!a || !b) throw new Error('no villages');
    const r = await suite.gateway.hub.publish(
      'erqi',
      'warning:issue',
      warningOver([a, b], { identifier: 'e2e-red' }),
    );
    if (!r.ok) throw new Error(r.error);
    const t0 = Date.now();
    await suite.gateway.callouts.sweep(t0);

    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=erqi&l=townships&m=none&c=${a.seat[0]},${a.seat[1]},12`,
    );
    await signIn(page, 'duty', 'on-duty-2026');
    const board = page.getByTestId('callout-board');
    await expect.poll(() => board.textContent(), { timeout: 10_000 }).toContain('0/6 已应答');
    expect(await board.textContent()).toContain('演练通道');

    // The village head's SMS, as the loopback provider kept it.
    const messenger = suite.gateway.callouts.messenger;
    if (!(messenger instanceof LoopbackMessenger)) throw new Error('not the loopback');
    const head = [...(suite.gateway.hub.live.get('erqi')?.callouts.values() ?? [])].find(
      (c) => c.role === 'village-head' && c.areaCode === a.code,
    );
    const sms = messenger.outbox('erqi').find((m) => m.kind === 'sms' && m.callout === head?.id);
    if (!head || !sms) throw new Error('no SMS to the village head');
    expect(sms.link.startsWith(suite.base)).toBe(true);

    // A phone: its own browser context, a phone's screen, the real Content-Security-Policy.
    const phone = await suite.browser.browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(sms.link);
    await expect
      .poll(() => phone.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('测试暴雨红色预警');
    expect(await phone.locator('main').textContent()).toContain(head.name);
    await phone.screenshot({ path: shotPath('callout-answer-page') });
    await phone.getByRole('button', { name: '收到' }).click();
    await phone.getByRole('status').waitFor();
    expect(await phone.getByRole('status').textContent()).toContain('已确认');
    await expect.poll(() => board.textContent(), { timeout: 10_000 }).toContain('1/6 已应答');

    // Later the head asks for support, with what is needed.
    await phone.getByRole('button', { name: '需要支援' }).click();
    await phone.locator('textarea').fill('冲锋舟2艘');
    await phone.getByRole('button', { name: '发送支援请求' }).click();
    await expect
      .poll(() => phone.getByRole('status').textContent(), { timeout: 10_000 })
      .toContain('需要支援');
    await phone.screenshot({ path: shotPath('callout-answer-support') });

    // Five minutes on (the desk's clock): the silent are called again and escalated.
    await suite.gateway.callouts.sweep(t0 + 5 * 60_000 + 1_000);
    await expect.poll(() => board.textContent(), { timeout: 10_000 }).toMatch(/\d+\/\d+ 已应答/);
    await board
      .getByRole('button', { name: new RegExp(a.name) })
      .first()
      .click();
    await expect.poll(() => board.textContent(), { timeout: 10_000 }).toContain('冲锋舟2艘');
    expect(await board.textContent()).toContain('已上报');
    await board.screenshot({ path: shotPath('callout-board') });
    await phone.close();
    await page.close();
  });
});
