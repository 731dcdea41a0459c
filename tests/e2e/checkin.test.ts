import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/server/app.ts';
import { checkinsOf } from '../../src/shared/people/roll.ts';
import { A4_MM, TAGS_PER_PAGE, tagPages } from '../../src/shared/people/tag-sheet.ts';
import type { CheckinLink, RegisteredPerson } from '../../src/shared/protocol/index.ts';
import { signedIn, TEST_SECRET } from '../support/access.ts';
import { openApp, signIn } from '../support/app-page.ts';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { withDutyOfficer } from '../support/browser-suite.ts';
import { startGateway } from '../support/gateway.ts';
import { shotPath } from '../support/screenshots.ts';

// Transfer by name end to end: a shelter's phone scans a printed tag through a real camera path
// (Chromium's fake capture device playing a video of the tag's QR code), takes typed codes, keeps
// three scans through a network cut and sends each once when it returns; the console's board
// counts them by name.
let gateway: Gateway;
let base: string;
let browser: LaunchedBrowser;
let people: RegisteredPerson[];
const dir = mkdtempSync(join(tmpdir(), 'onemap-checkin-'));

beforeAll(async () => {
  ({ gateway, url: base } = await startGateway(['erqi'], true, withDutyOfficer(TEST_SECRET)));
  const register = gateway.scenarios.get('erqi')?.register;
  // The smallest village with enough people: its 安全码 sheets are a few pages.
  const village = register
    ?.summary()
    .filter((v) => v.registered >= 8)
    .sort((a, b) => a.registered - b.registered)[0];
  if (!register || !village) throw new Error('the sample has no register');
  people = register.people(village.village);
  const first = people[0];
  if (!first) throw new Error('an empty village');
  // The tag as printed (the bare code in a QR), filmed: what the phone's camera will see.
  const png = join(dir, 'tag.png');
  await QRCode.toFile(png, first.code, { width: 400, margin: 4 });
  const video = join(dir, 'tag.y4m');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    png,
    '-t',
    '2',
    '-r',
    '10',
    '-vf',
    'pad=640:480:120:40:white',
    '-pix_fmt',
    'yuv420p',
    video,
  ]);
  browser = await launchBrowser('swiftshader', [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
});
afterAll(async () => {
  await browser.close();
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

const person = (i: number) => people[i] ?? expect.unreachable();

/** The QR code inside one tag of a page rendered at 150 dpi, decoded. */
function decodeTag(png: PNG, tag: { x: number; y: number; width: number; height: number }) {
  const px = png.width / A4_MM.width;
  const [x0, y0] = [Math.round(tag.x * px), Math.round(tag.y * px)];
  const [w, h] = [Math.round(tag.height * px), Math.round(tag.height * px)];
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let k = 0; k < 4; k++)
        out[(y * w + x) * 4 + k] = png.data[((y0 + y) * png.width + x0 + x) * 4 + k] ?? 255;
  return jsQR(out, w, h)?.data ?? null;
}

describe('check-in at a shelter’s door', () => {
  it('scans a tag with the camera, takes typed codes, and sends scans kept offline exactly once', async () => {
    const shelter = [...(gateway.hub.live.get('erqi')?.shelters.values() ?? [])][0];
    if (!shelter) throw new Error('no shelter');
    const res = await fetch(`${base}/api/scenarios/erqi/checkin-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedIn('planner')) },
      body: JSON.stringify({ kind: 'shelter', place: shelter.id }),
    });
    const link = (await res.json()) as CheckinLink;
    const context = await browser.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const phone = await context.newPage();
    try {
      await phone.goto(link.url);
      await expect(phone.getByTestId('checkin-place').textContent()).resolves.toBe(shelter.name);
      const results = phone.getByTestId('checkin-results');

      // The camera: the tag's QR is read off the video frames.
      await phone.getByTestId('checkin-scan').click();
      await expect.poll(() => results.textContent(), { timeout: 30_000 }).toContain(person(0).name);
      expect(await results.locator('li').first().getAttribute('data-outcome')).toBe('arrived');
      await phone.screenshot({ path: shotPath('checkin-camera') });
      await phone.getByTestId('checkin-scan').click();

      // Typed, as staff do when a tag is wet: lower case and a dash are fine.
      const type = async (code: string) => {
        await phone
          .getByTestId('checkin-code')
          .fill(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);
        await phone.getByTestId('checkin-submit').click();
      };
      await type(person(1).code);
      await expect.poll(() => results.textContent(), { timeout: 10_000 }).toContain(person(1).name);

      // 三断: the network goes; three people are checked in on the phone.
      await context.setOffline(true);
      for (const i of [2, 3, 4]) await type(person(i).code);
      await expect
        .poll(() => phone.getByTestId('checkin-waiting').textContent(), { timeout: 10_000 })
        .toContain('3');
      expect(await phone.getByTestId('checkin-net').textContent()).toContain('网络中断');
      expect(await results.locator('li[data-outcome="queued"]').count()).toBe(3);
      await phone.screenshot({ path: shotPath('checkin-offline') });

      // The network returns: each is sent, and arrives once.
      await context.setOffline(false);
      await expect
        .poll(() => phone.getByTestId('checkin-waiting').count(), { timeout: 20_000 })
        .toBe(0);
      for (const i of [2, 3, 4]) expect(await results.textContent()).toContain(person(i).name);
      const codes = [0, 1, 2, 3, 4].map((i) => person(i).code);
      const roll = checkinsOf(gateway.hub.live.get('erqi')?.roll ?? expect.unreachable());
      for (const code of codes) expect(roll.filter((c) => c.code === code)).toHaveLength(1);
      const log = await fetch(`${base}/api/scenarios/erqi/events?since=0&limit=1000`, {
        headers: await signedIn('viewer'),
      });
      const { events } = (await log.json()) as { events: { type: string }[] };
      expect(events.filter((e) => e.type === 'checkin:arrive')).toHaveLength(5);
      expect(await phone.getByTestId('checkin-count').textContent()).toContain('5');
    } finally {
      await context.close();
    }

    // The console counts them by name and lists who is still not out.
    const { page } = await openApp(browser.browser, base, '/?s=erqi&l=townships&m=none');
    try {
      await signIn(page, 'duty', 'on-duty-2026');
      const board = page.getByTestId('roll-board');
      await board.waitFor({ timeout: 20_000 });
      expect(await board.locator('[data-kpi="sheltered"] dd').textContent()).toBe('5');
      await board.locator('.roll-townships > li > button').first().click();
      await board.locator(`li[data-village="${person(0).village}"] > button`).click();
      const list = page.getByTestId('roll-unaccounted');
      await list.locator('li').first().waitFor();
      for (const i of [0, 1, 2, 3, 4])
        expect(await list.locator(`li[data-code="${person(i).code}"]`).count()).toBe(0);
      const n = new Intl.NumberFormat('zh-CN');
      expect(
        await board
          .locator(`li[data-village="${person(0).village}"] .figures`)
          .first()
          .textContent(),
      ).toBe(`${n.format(people.length - 5)} / ${n.format(people.length)}`);
      await board.evaluate((el: { scrollTop: number }) => (el.scrollTop = 0));
      await board.screenshot({ path: shotPath('roll-board') });

      // The village's 安全码 sheets: A4 pages of tags whose QR codes read back as the people's codes.
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        list.getByTestId('roll-print-tags').click(),
      ]);
      const pdf = join(dir, 'tags.pdf');
      await file.saveAs(pdf);
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(
        Math.ceil(people.length / TAGS_PER_PAGE),
      );
      execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', pdf, join(dir, 'page')]);
      copyFileSync(join(dir, 'page-1.png'), shotPath('tag-sheet'));
      const page1 = PNG.sync.read(readFileSync(join(dir, 'page-1.png')));
      const first = tagPages(people)[0]?.[0] ?? expect.unreachable();
      expect(decodeTag(page1, first)).toBe(first.person.code);
    } finally {
      await page.close();
    }
  });

  it('opens with no network at all once it has been opened, and sends what was scanned then', async () => {
    const shelter = [...(gateway.hub.live.get('erqi')?.shelters.values() ?? [])][1];
    if (!shelter) throw new Error('no second shelter');
    const res = await fetch(`${base}/api/scenarios/erqi/checkin-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedIn('planner')) },
      body: JSON.stringify({ kind: 'shelter', place: shelter.id }),
    });
    const link = (await res.json()) as CheckinLink;
    const context = await browser.browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    try {
      await phone.goto(link.url);
      await expect(phone.getByTestId('checkin-place').textContent()).resolves.toBe(shelter.name);
      // The service worker has taken the page's files.
      await expect
        .poll(
          () =>
            phone.evaluate(async () => {
              // The page's CacheStorage (this file is typed for Node, not the DOM).
              const { caches } = globalThis as unknown as {
                caches: { open(name: string): Promise<{ keys(): Promise<unknown[]> }> };
              };
              const cache = await caches.open('onemap-checkin-v1');
              return (await cache.keys()).length;
            }),
          { timeout: 20_000 },
        )
        .toBeGreaterThan(2);
      // 三断: no network, and the phone's browser was closed meanwhile: the page opens anyway.
      await context.setOffline(true);
      await phone.reload();
      await expect(phone.getByTestId('checkin-place').textContent()).resolves.toBe(shelter.name);
      await phone.getByTestId('checkin-code').fill(person(6).code);
      await phone.getByTestId('checkin-submit').click();
      await expect
        .poll(() => phone.getByTestId('checkin-waiting').textContent(), { timeout: 10_000 })
        .toContain('1');
      await context.setOffline(false);
      await expect
        .poll(() => phone.getByTestId('checkin-waiting').count(), { timeout: 20_000 })
        .toBe(0);
      const roll = checkinsOf(gateway.hub.live.get('erqi')?.roll ?? expect.unreachable());
      expect(roll.filter((c) => c.code === person(6).code).map((c) => c.place)).toEqual([
        shelter.id,
      ]);
    } finally {
      await context.close();
    }
  });
});
