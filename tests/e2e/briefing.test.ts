import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { BriefingScene, BriefingView } from '../../src/shared/protocol/index.ts';
import { TEST_SECRET, fetchSignedIn } from '../support/access.ts';
import { cameraOff, mapCentre, openApp, pixelOf, signIn } from '../support/app-page.ts';
import { browserSuite, withDutyOfficer } from '../support/browser-suite.ts';
import type { WithMap } from '../support/map-handle.ts';
import { countColour, distinctColours, shotPath } from '../support/screenshots.ts';

// Exercise data (as under the simulator): exports carry the 演练 watermark.
const suite = browserSuite(['erqi'], {
  ...withDutyOfficer(TEST_SECRET),
  exercise: true,
});
type Page = Awaited<ReturnType<typeof openApp>>['page'];

const briefingNow = async () => {
  const res = await fetchSignedIn(`${suite.base}/api/scenarios/erqi/briefing`);
  const body = (await res.json()) as { briefing: unknown; scenes: unknown };
  return {
    presented: BriefingView.nullable().parse(body.briefing),
    scenes: BriefingScene.array().parse(body.scenes),
  };
};

/** A click terra-draw sees (it needs the pointer to arrive before the press). */
async function clickAt(page: Page, at: { x: number; y: number }) {
  await page.mouse.move(at.x, at.y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
}

/** Pixels near an annotation pen colour in a square around a map point. */
async function penPixels(page: Page, at: [number, number], rgb: [number, number, number]) {
  const p = await pixelOf(page, at);
  const shot = await page.screenshot({ clip: { x: p.x - 12, y: p.y - 12, width: 24, height: 24 } });
  return countColour(shot, rgb, 40);
}
const RED: [number, number, number] = [239, 68, 68];

/** The layer panel's switch for a layer, by its name. */
const layerSwitch = (page: Page, name: string) =>
  page.locator('summary label', { hasText: new RegExp(`^${name}$`) }).locator('input');
const layerOn = (page: Page, name: string) => layerSwitch(page, name).isChecked();

/** A duty officer presenting from `path`, and a participant following in another context. */
async function presenterAndFollower(path: string) {
  const presenter = await openApp(suite.browser.browser, suite.base, path);
  const follower = await openApp(suite.browser.browser, suite.base, '/briefing/follow?s=erqi');
  // A briefing is for staff: the participant is asked to sign in before anything is shown.
  await follower.page.getByTestId('briefing-panel').waitFor();
  await expect(follower.page.getByTestId('briefing-panel').textContent()).resolves.toContain(
    '请先登录',
  );
  await signIn(presenter.page, 'duty', 'on-duty-2026');
  await signIn(follower.page, 'duty', 'on-duty-2026');
  return { p: presenter.page, f: follower.page };
}

describe('briefing', () => {
  it('steps through saved scenes, and a participant in another browser follows the presenter', async () => {
    const { p, f } = await presenterAndFollower(
      '/briefing?s=erqi&l=townships,shelters&m=none&c=113.6,34.72,12',
    );
    try {
      // Scene 1: as the link opened it.
      await p.locator('input[name="slide-title"]').fill('南部避难场所');
      await p.locator('textarea[name="slide-notes"]').fill('夜间床位充足，可接收马寨镇转移群众');
      await p.getByTestId('briefing-save').click();
      // Scene 2: elsewhere, with teams instead of shelters.
      await p.evaluate(() =>
        (globalThis as WithMap).__onemap?.map.jumpTo({ center: [113.65, 34.75], zoom: 14 }),
      );
      await layerSwitch(p, '避难场所').uncheck();
      await layerSwitch(p, '救援队伍').check();
      await p.locator('input[name="slide-title"]').fill('城区队伍部署');
      await p.getByTestId('briefing-save').click();

      // The deck can be reordered (on the gateway): scene 1 down, then back up.
      const titles = () => p.locator('.slides li button:first-child').allTextContents();
      await p.locator('.slides li').first().getByRole('button', { name: '下移此场景' }).click();
      await expect.poll(titles).toEqual(['城区队伍部署', '南部避难场所']);
      await p.locator('.slides li').nth(1).getByRole('button', { name: '上移此场景' }).click();
      await expect.poll(titles).toEqual(['南部避难场所', '城区队伍部署']);

      // Back to scene 1 and present it.
      await p.locator('.slides li button', { hasText: '南部避难场所' }).click();
      await expect
        .poll(async () => (await mapCentre(p))?.zoom ?? 0, { timeout: 10_000 })
        .toBeCloseTo(12, 1);
      await expect(layerOn(p, '避难场所')).resolves.toBe(true);
      await p.locator('input[name="present"]').check();
      await f.getByTestId('briefing-title').waitFor({ timeout: 15_000 });
      await expect(f.getByTestId('briefing-title').textContent()).resolves.toBe('南部避难场所');
      await expect
        .poll(() => cameraOff(f, [113.6, 34.72], 12), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await expect(layerOn(f, '避难场所')).resolves.toBe(true);
      await f.screenshot({ path: shotPath('briefing-follower-1') });

      // Next scene: the participant follows to it, layers and all.
      await p.getByTestId('briefing-next').click();
      await expect
        .poll(() => f.getByTestId('briefing-title').textContent(), { timeout: 15_000 })
        .toBe('城区队伍部署');
      await expect
        .poll(() => cameraOff(f, [113.65, 34.75], 14), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await expect(layerOn(f, '避难场所')).resolves.toBe(false);
      await expect(layerOn(f, '救援队伍')).resolves.toBe(true);
      await p.screenshot({ path: shotPath('briefing-presenter-2') });
      await f.screenshot({ path: shotPath('briefing-follower-2') });
    } finally {
      await p.close();
      await f.close();
    }
  });
});

describe('briefing drawings and export', () => {
  it('draws an arrow, a circle and a note; they are saved with the scene on the gateway, followed live, and exported as PNG and A4 PDF', async () => {
    const { p, f } = await presenterAndFollower(
      '/briefing?s=erqi&l=townships&m=none&c=113.6,34.72,13',
    );
    try {
      const tools = p.getByTestId('annotation-tools');
      const count = tools.getByTestId('annotation-count');
      await tools.locator('input[value="red"]').check({ force: true });

      // An arrow: two points, the last clicked again to finish.
      await tools.locator('[data-tool="arrow"]').click();
      const from = await pixelOf(p, [113.59, 34.715]);
      const to = await pixelOf(p, [113.61, 34.725]);
      await clickAt(p, from);
      await clickAt(p, to);
      await clickAt(p, to);
      await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('1 处标注');

      // A circle: centre, out, click.
      await tools.locator('[data-tool="circle"]').click();
      const centre = await pixelOf(p, [113.585, 34.728]);
      await clickAt(p, centre);
      await clickAt(p, { x: centre.x + 60, y: centre.y });
      await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('2 处标注');

      // A note: the words first, then where.
      await tools.locator('[data-tool="text"]').click();
      await tools.locator('input[name="annotation-text"]').fill('集结点');
      await clickAt(p, await pixelOf(p, [113.615, 34.712]));
      await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('3 处标注');
      await tools.locator('[data-tool="text"]').click(); // pen down: clicks pick again

      // The arrow is drawn where it was drawn, in red.
      await expect.poll(() => penPixels(p, [113.6, 34.72], RED)).toBeGreaterThan(10);

      await p.screenshot({ path: shotPath('briefing-presenter-drawing') });
      await p.locator('input[name="slide-title"]').fill('南部转移路线');
      await p.getByTestId('briefing-save').click();
      await expect
        .poll(async () => (await briefingNow()).scenes.find((x) => x.title === '南部转移路线'))
        .toBeTruthy();
      const saved = (await briefingNow()).scenes.find((x) => x.title === '南部转移路线');
      expect(saved?.annotations.map((a) => a.kind)).toEqual(['arrow', 'circle', 'text']);
      const arrow = saved?.annotations[0];
      if (arrow?.kind !== 'arrow') throw new Error('no arrow saved');
      // Drawn with the mouse at those map points: back within a few metres.
      expect(arrow.path[0]?.[0]).toBeCloseTo(113.59, 3);
      expect(arrow.path[0]?.[1]).toBeCloseTo(34.715, 3);
      expect(arrow.path[arrow.path.length - 1]?.[0]).toBeCloseTo(113.61, 3);
      const circle = saved?.annotations[1];
      expect(circle?.kind === 'circle' && circle.radiusM).toBeGreaterThan(100);
      expect(saved?.annotations[2]).toMatchObject({ kind: 'text', text: '集结点', colour: 'red' });

      // Presented: the participant sees the drawings on their own map.
      await p.locator('input[name="present"]').check();
      await expect
        .poll(async () => (await briefingNow()).presented?.annotations.length ?? 0, {
          timeout: 15_000,
        })
        .toBe(3);
      await expect
        .poll(() => cameraOff(f, [113.6, 34.72], 13), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await expect
        .poll(() => penPixels(f, [113.6, 34.72], RED), { timeout: 15_000 })
        .toBeGreaterThan(10);
      await f.screenshot({ path: shotPath('briefing-follower-drawings') });
      // One drawing removed from the list: gone for the participant too.
      const list = p.getByTestId('annotation-list');
      await expect(list.locator('li').allTextContents()).resolves.toEqual([
        '箭头×',
        '圆×',
        '文字：集结点×',
      ]);
      await list
        .locator('li[data-kind="circle"]')
        .getByRole('button', { name: '删除此标注' })
        .click();
      await expect
        .poll(async () => (await briefingNow()).presented?.annotations.map((a) => a.kind), {
          timeout: 15_000,
        })
        .toEqual(['arrow', 'text']);
      // Cleared on the presenter's map: cleared on the participant's.
      await p.getByTestId('annotations-clear').click();
      await expect.poll(() => penPixels(f, [113.6, 34.72], RED), { timeout: 15_000 }).toBe(0);
      await p.locator('input[name="present"]').uncheck();

      // Another console (or the next shift) opens the briefing: the scene comes from the gateway.
      // Its permalink opens it, drawings and all.
      const link = `/briefing?s=erqi&scene=${saved?.id ?? ''}`;
      await expect(p.getByTestId('scene-link').textContent()).resolves.toContain(link);
      const again = await openApp(suite.browser.browser, suite.base, link);
      try {
        const a = again.page;
        await signIn(a, 'duty', 'on-duty-2026');
        await expect
          .poll(() => a.getByTestId('annotation-count').textContent(), { timeout: 15_000 })
          .toBe('3 处标注');
        await expect(a.locator('.slides li.current').textContent()).resolves.toContain(
          '南部转移路线',
        );
        await expect
          .poll(() => cameraOff(a, [113.6, 34.72], 13), { timeout: 15_000 })
          .toBeLessThan(0.01);
        await expect
          .poll(() => penPixels(a, [113.6, 34.72], RED), { timeout: 15_000 })
          .toBeGreaterThan(10);

        // Export: PNG of an A4 sheet at 150 dpi, and an A4 landscape PDF.
        const exporter = a.getByTestId('export-controls');
        const [png] = await Promise.all([
          a.waitForEvent('download'),
          exporter.getByTestId('export-png').click(),
        ]);
        expect(png.suggestedFilename()).toMatch(/^onemap-erqi-\d{8}-\d{4}\.png$/);
        const sheet = PNG.sync.read(readFileSync(await png.path()));
        expect([sheet.width, sheet.height]).toEqual([1754, 1240]);
        copyFileSync(await png.path(), shotPath('briefing-export-a4'));

        await exporter.locator('select[name="paper"]').selectOption('A4');
        const [pdfFile] = await Promise.all([
          a.waitForEvent('download'),
          exporter.getByTestId('export-pdf').click(),
        ]);
        const pdf = shotPath('briefing-export').replace(/\.png$/, '.pdf');
        copyFileSync(await pdfFile.path(), pdf);
        const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
        expect(info).toMatch(/Pages:\s+1\n/);
        expect(info).toMatch(/Page size:\s+841\.8\d* x 595\.2\d* pts \(A4\)/);
        // The scene's title names the document; it is marked as an exercise.
        expect(info).toMatch(/Title:\s+南部转移路线\n/);
        expect(info).toMatch(/Keywords:\s+EXERCISE\n/);
        expect(info).toMatch(/Creator:\s+OneMap/);
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '50',
          '-singlefile',
          pdf,
          pdf.replace(/\.pdf$/, '-page'),
        ]);
        const page = readFileSync(pdf.replace(/\.pdf$/, '-page.png'));
        const img = PNG.sync.read(page);
        const all = img.width * img.height;
        // Paper, not the dark wall: most of the sheet is white.
        expect(countColour(page, [255, 255, 255], 6)).toBeGreaterThan(all * 0.3);
        // The exercise watermark's pale red lies across the page.
        expect(countColour(page, [250, 222, 222], 10)).toBeGreaterThan(all * 0.01);
        // The map came with it (a blank box would be a handful of colours).
        expect(distinctColours(page)).toBeGreaterThan(60);
      } finally {
        await again.page.close();
      }
    } finally {
      await p.close();
      await f.close();
    }
  });
});

describe('export from the console', () => {
  it('exports the console’s current view as an A3 sheet from the top bar', async () => {
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      '/?s=erqi&l=townships,shelters',
    );
    try {
      await page.getByTestId('export-button').click();
      await page.locator('.export-popover select[name="paper"]').selectOption('A3');
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-png').click(),
      ]);
      const sheet = PNG.sync.read(readFileSync(await file.path()));
      expect([sheet.width, sheet.height]).toEqual([2480, 1754]);
      copyFileSync(await file.path(), shotPath('console-export-a3'));
    } finally {
      await page.close();
    }
  });
});
