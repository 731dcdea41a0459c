import { describe, expect, it } from 'vitest';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import { cameraOff, mapCentre, openApp, signIn, waitIdle } from '../support/app-page.ts';
import { browserSuite, withDutyOfficer } from '../support/browser-suite.ts';
import { testPage } from '../support/browser.ts';
import { startGateway } from '../support/gateway.ts';
import type { WithMap } from '../support/map-handle.ts';
import { sampleIncident } from '../support/samples.ts';
import { shotPath } from '../support/screenshots.ts';

// The command center's own walls hold an internal key; the hall's wall a public one.
const INTERNAL = 'e2e-internal-wall-key-0123456789';
const PUBLIC = 'e2e-public-wall-key-01234567890';
const suite = browserSuite(['erqi'], {
  ...withDutyOfficer('e2e-wall-secret-long-enough-0123456789'),
  wallKeys: [
    { name: 'ops-room', audience: 'full', key: INTERNAL },
    { name: 'hall', audience: 'public', key: PUBLIC },
  ],
});
const WALL = { width: 3840, height: 2160 };

describe('the wall', () => {
  it('rotates its scenes at 3840×2160 with KPI tiles that match the live state', async () => {
    // The first scene holds while it is checked (a 4K page may take longer to load than a
    // short rotation); the rotation itself is checked after.
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/wall?s=erqi&scenes=overview,incidents,kpis&every=3600&key=${INTERNAL}`,
      WALL,
    );
    try {
      await expect(page.getByTestId('wall-scene').textContent()).resolves.toContain('全域态势');
      const teams = (
        suite.gateway.scenarios.get('erqi')?.collections.get('teams') as EntityCollection<'teams'>
      ).entities;
      const available = teams.filter((t) => t.status === 'available').length;
      await expect(page.locator('[data-kpi="teams"] strong').textContent()).resolves.toBe(
        `${available} / 0`,
      );
      await expect(page.locator('[data-kpi="overdue"]').count()).resolves.toBe(1);
      await expect(page.locator('[data-kpi="settlement"] strong').textContent()).resolves.toMatch(
        /^\d+\.\d\d%$/,
      );
      // The cursor is hidden on the wall.
      await expect(
        page.evaluate('getComputedStyle(document.querySelector(".wall-map")).cursor'),
      ).resolves.toBe('none');
      await page.screenshot({ path: shotPath('wall-1-overview') });
      // Every six seconds the next scene, in order, whichever the page was at when it loaded.
      await page.goto(
        `${suite.base}/wall?s=erqi&scenes=overview,incidents,kpis&every=6&key=${INTERNAL}`,
      );
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="wall-scene"]\')?.textContent?.includes("在办警情")',
        null,
        { timeout: 15_000 },
      );
      await page.screenshot({ path: shotPath('wall-2-incidents') });
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="wall"]\')?.dataset.scene === "kpis"',
        null,
        { timeout: 15_000 },
      );
      await page.waitForTimeout(500);
      await page.screenshot({ path: shotPath('wall-3-kpi-board') });
    } finally {
      await page.close();
    }
  });

  it('fits the active incidents only when their set changes; a hand on the map locks it until resumed', async () => {
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/wall?s=erqi&scenes=incidents&key=${INTERNAL}`,
      WALL,
    );
    try {
      const first = sampleIncident({ id: 'INC-WALL-1', position: [113.6, 34.7], severity: 'I' });
      await suite.gateway.hub.publish('erqi', 'incident:open', first);
      // Fitted round the one incident.
      await expect
        .poll(() => cameraOff(page, [113.6, 34.7]), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await expect(page.locator('[data-kpi="incidents"]').getAttribute('data-level')).resolves.toBe(
        'alert',
      );
      // A change that is not a new incident (status) does not move the camera.
      await page.evaluate(() =>
        (globalThis as WithMap).__onemap?.map.jumpTo({ center: [113.6, 34.7], zoom: 14 }),
      );
      const before = await mapCentre(page);
      await suite.gateway.hub.publish('erqi', 'incident:update', { ...first, status: 'confirmed' });
      await page.waitForTimeout(1500);
      expect(await mapCentre(page)).toEqual(before);
      // Someone drags the map: locked. A new incident then does not move it.
      const box = await page.getByTestId('map').boundingBox();
      if (!box) throw new Error('no map');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 300, box.y + box.height / 2 + 200, {
        steps: 8,
      });
      await page.mouse.up();
      await page.getByTestId('wall-resume').waitFor();
      const dragged = await mapCentre(page);
      const second = sampleIncident({
        id: 'INC-WALL-2',
        position: [113.65, 34.75],
        severity: 'III',
      });
      await suite.gateway.hub.publish('erqi', 'incident:open', second);
      await page.waitForTimeout(1500);
      expect(await mapCentre(page)).toEqual(dragged);
      await page.screenshot({ path: shotPath('wall-4-locked') });
      // Resume: fitted round both.
      await page.getByTestId('wall-resume').click();
      await expect
        .poll(() => cameraOff(page, [113.625, 34.725]), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await expect(page.getByTestId('wall-resume').count()).resolves.toBe(0);
      // The list beside the map: a row zooms to its incident, the same row again restores.
      const row = page.getByTestId('wall-incidents').locator('button', { hasText: second.title });
      await row.click();
      await expect
        .poll(() => cameraOff(page, [113.65, 34.75], 15), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await page.screenshot({ path: shotPath('wall-4b-row') });
      await row.click();
      await expect
        .poll(() => cameraOff(page, [113.625, 34.725]), { timeout: 15_000 })
        .toBeLessThan(0.01);
    } finally {
      await page.close();
    }
  });

  it('says across the whole screen, with since when, that the data is stale when the gateway goes', async () => {
    const { gateway, url } = await startGateway(['erqi'], true);
    const { page } = await openApp(
      suite.browser.browser,
      url,
      '/wall?s=erqi&scenes=overview',
      WALL,
    );
    try {
      await page.waitForFunction(
        'document.querySelector(".wall-header .feed")?.textContent?.includes("实时")',
      );
      await gateway.close();
      await page.waitForFunction('document.querySelector(".stale-cover")', null, {
        timeout: 30_000,
      });
      const cover = await page.locator('.stale-cover').boundingBox();
      expect(cover?.width).toBe(WALL.width);
      expect(cover?.height).toBe(WALL.height);
      await expect(page.locator('.stale-cover').textContent()).resolves.toMatch(
        /实时数据中断.*\d{2}:\d{2}/,
      );
      await page.screenshot({ path: shotPath('wall-5-stale') });
    } finally {
      await page.close();
    }
  });

  it('follows the duty officer’s console through the gateway: a held scene, then one incident close up', async () => {
    const incident = sampleIncident({ id: 'INC-WALL-FOCUS', position: [113.62, 34.73] });
    await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    const desk = await openApp(suite.browser.browser, suite.base, '/?s=erqi&l=incidents&m=none');
    const wall = await openApp(
      suite.browser.browser,
      suite.base,
      `/wall?s=erqi&scenes=overview,warnings&every=3600&key=${INTERNAL}`,
      WALL,
    );
    try {
      await signIn(desk.page, 'duty', 'on-duty-2026');
      await desk.page.locator('select[name="wall-scene"]').selectOption('kpis');
      await wall.page.waitForFunction(
        'document.querySelector(\'[data-testid="wall"]\')?.dataset.scene === "kpis"',
      );
      await expect(wall.page.getByTestId('wall-held').textContent()).resolves.toContain('duty');
      await desk.page.locator('select[name="wall-scene"]').selectOption('incidents');
      await desk.page
        .locator('[data-testid="incident-board"] li', { hasText: incident.title })
        .locator('button.row')
        .click();
      await desk.page.getByTestId('wall-focus').click();
      await wall.page.getByTestId('wall-focus-title').waitFor();
      await expect(wall.page.getByTestId('wall-focus-title').textContent()).resolves.toContain(
        incident.title,
      );
      await expect
        .poll(() => cameraOff(wall.page, [113.62, 34.73], 15), { timeout: 15_000 })
        .toBeLessThan(0.01);
      await wall.page.screenshot({ path: shotPath('wall-6-focus') });
      // Released from the desk: the title goes and the walls rotate again.
      await desk.page.getByTestId('wall-focus').click();
      await desk.page.locator('select[name="wall-scene"]').selectOption('');
      await wall.page.waitForFunction(
        '!document.querySelector(\'[data-testid="wall-focus-title"]\') && document.querySelector(\'[data-testid="wall"]\')?.dataset.scene === "overview"',
      );
    } finally {
      await desk.page.close();
      await wall.page.close();
    }
  });
});

describe('a public wall', () => {
  it('shows types, not titles, and no sensitive incident or person — none of it even on the wire', async () => {
    const shown = sampleIncident({
      id: 'INC-PUBLIC-1',
      title: '张三家中进水求助',
      description: '来电人 10012345678',
      status: 'dispatched',
      assignedTeamIds: ['TM0007'],
      dispatches: [{ teamId: 'TM0007', at: new Date().toISOString(), etaS: 300, by: '王值班' }],
      position: [113.61, 34.72],
    });
    const hidden = sampleIncident({ id: 'INC-PUBLIC-2', title: '某单位内部事件', sensitive: true });
    await suite.gateway.hub.publish('erqi', 'incident:open', shown);
    await suite.gateway.hub.publish('erqi', 'incident:open', hidden);
    const page = await testPage(suite.browser.browser, WALL);
    const wire: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => wire.push(String(f.payload))));
    page.on('response', (r) => {
      if (r.url().includes('/api/'))
        void r.text().then(
          (t) => wire.push(t),
          () => undefined,
        );
    });
    try {
      await page.goto(`${suite.base}/wall?s=erqi&scenes=incidents&key=${PUBLIC}`);
      await waitIdle(page);
      const list = page.getByTestId('wall-incidents');
      await list.locator('button').first().waitFor();
      await expect(list.textContent()).resolves.toContain('城市内涝');
      // A dispatch in the meantime reaches the public wall without its dispatcher.
      await suite.gateway.hub.publish('erqi', 'incident:update', { ...shown, status: 'en_route' });
      await page.waitForTimeout(1_000);
      const everything = wire.join('\n');
      for (const secret of ['张三', '王值班', '10012345678', hidden.id, '某单位'])
        expect(everything, secret).not.toContain(secret);
      expect(everything).toContain(shown.id);
      await page.screenshot({ path: shotPath('wall-8-public') });
    } finally {
      await page.close();
    }
  });
});

describe('a tiled wall', () => {
  it('keeps every block of text inside one screen of a 3×2 wall with bezels, the map running on under them', async () => {
    // Six 1280×720 screens, 24 window pixels hidden at each seam.
    const [cw, ch, bezel] = [1280, 720, 24];
    const size = { width: 3 * cw + 2 * bezel, height: 2 * ch + bezel };
    const seams = [
      { x: cw, y: 0, w: bezel, h: size.height },
      { x: 2 * cw + bezel, y: 0, w: bezel, h: size.height },
      { x: 0, y: ch, w: size.width, h: bezel },
    ];
    const crossing = (b: { x: number; y: number; width: number; height: number }) =>
      seams.some(
        (s) => b.x < s.x + s.w && b.x + b.width > s.x && b.y < s.y + s.h && b.y + b.height > s.y,
      );
    await suite.gateway.hub.publish(
      'erqi',
      'incident:open',
      sampleIncident({ id: 'INC-WALL-TILED', position: [113.6, 34.7] }),
    );
    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/wall?s=erqi&scenes=incidents&screens=3x2&bezel=${bezel}&key=${INTERNAL}`,
      size,
    );
    try {
      const blocks = async (selector: string) => {
        const out: {
          selector: string;
          box: { x: number; y: number; width: number; height: number };
        }[] = [];
        for (const el of await page.locator(selector).all()) {
          const box = await el.boundingBox();
          if (box && box.width > 0) out.push({ selector, box });
        }
        return out;
      };
      const text = [
        '.wall-header h1',
        '.wall-header .scene',
        '.wall-header .feed',
        '.wall-header .clock',
        '.kpi',
        '.wall-incidents li',
        '.ticker-cell',
      ];
      const side = (await Promise.all(text.map(blocks))).flat();
      // Everything is there (header, two KPI tiles, the incident row, three ticker cells) ...
      expect(side.filter((b) => b.selector === '.kpi')).toHaveLength(2);
      expect(side.filter((b) => b.selector === '.ticker-cell')).toHaveLength(3);
      expect(side.filter((b) => b.selector === '.wall-incidents li').length).toBeGreaterThan(0);
      // ... and none of it lies across a bezel.
      expect(side.filter((b) => crossing(b.box))).toEqual([]);
      // The side column is the last screen column; the map the two others, both screen rows.
      const kpis = await page.locator('.wall-kpis').first().boundingBox();
      expect(kpis?.x).toBe(2 * cw + 2 * bezel);
      expect(kpis?.width).toBe(cw);
      const map = await page.locator('.wall-map').boundingBox();
      expect(map).toEqual({ x: 0, y: 0, width: 2 * cw + bezel, height: size.height });
      // Type is sized by one screen, not by the whole wall: the clock as on a single 720p screen.
      const clock = await page.evaluate(
        'parseFloat(getComputedStyle(document.querySelector(".wall-header .clock")).fontSize)',
      );
      expect(clock).toBeCloseTo(3.4 * 7.2, 0);
      await page.screenshot({ path: shotPath('wall-6-tiled-3x2') });

      // The KPI board deals its tiles out to the six screens.
      await page.goto(
        `${suite.base}/wall?s=erqi&scenes=kpis&screens=3x2&bezel=${bezel}&key=${INTERNAL}`,
      );
      await waitIdle(page);
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="wall"]\')?.dataset.scene === "kpis" && document.querySelectorAll(".kpi").length > 2',
        null,
        { timeout: 20_000 },
      );
      const tiles = await blocks('.kpi');
      const screenOf = (b: { x: number; y: number }) =>
        `${Math.floor(b.x / (cw + bezel))},${Math.floor(b.y / (ch + bezel))}`;
      expect(new Set(tiles.map((b) => screenOf(b.box))).size).toBe(Math.min(6, tiles.length));
      expect(tiles.filter((b) => crossing(b.box))).toEqual([]);
      await page.screenshot({ path: shotPath('wall-7-tiled-board') });
    } finally {
      await page.close();
    }
  });
});
