import type { Browser, Page } from 'playwright-core';
import type { WithMap } from './map-handle.ts';
import { testPage } from './browser.ts';

/** Opens the app at `path` and waits until the map is idle with the township layer drawn. */
export async function openApp(
  browser: Browser,
  base: string,
  path: string,
  viewport = { width: 1920, height: 1080 },
) {
  const page = await testPage(browser, viewport);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${base}${path}`);
  await waitIdle(page);
  return { page, requests };
}

/** Until the map has stopped moving, loaded its sources and drawn the townships. */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = (globalThis as WithMap).__onemap?.map;
      return Boolean(
        map?.getLayer('townships-fill') && map.loaded() && !map.isMoving() && map.areTilesLoaded(),
      );
    },
    null,
    { timeout: 60_000 },
  );
  // Symbol placement fades labels in over ~300 ms.
  await page.waitForTimeout(800);
}

/** Pixel position of a map coordinate, relative to the page. */
export async function pixelOf(
  page: Page,
  lngLat: [number, number],
): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('map').boundingBox();
  const p = await page.evaluate(
    (ll) => (globalThis as WithMap).__onemap?.map.project(ll) ?? { x: 0, y: 0 },
    lngLat,
  );
  return { x: (box?.x ?? 0) + p.x, y: (box?.y ?? 0) + p.y };
}

/**
 * Opens the console of a gateway that serves signed-in users only (READ_ACCESS=signed-in, as
 * with real accounts): the sign-in comes first, then the map.
 */
export async function openSignedIn(
  browser: Browser,
  base: string,
  path: string,
  name: string,
  password: string,
  viewport = { width: 1920, height: 1080 },
) {
  const page = await testPage(browser, viewport);
  await page.goto(`${base}${path}`);
  const form = page.getByTestId('sign-in-required');
  await form.waitFor();
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('session').waitFor();
  await waitIdle(page);
  return { page };
}

/** Signs in at the console's sign-in dialog and waits until the console says who is on duty. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.getByTestId('session').waitFor();
}

/** The map's camera: centre and zoom (null before the map exists). */
export function mapCentre(page: Page): Promise<{ lng: number; lat: number; zoom: number } | null> {
  return page.evaluate(() => {
    const map = (globalThis as WithMap).__onemap?.map;
    if (!map) return null;
    const c = map.getCenter();
    return { lng: c.lng, lat: c.lat, zoom: map.getZoom() };
  });
}

/**
 * How far the camera is from a place (degrees) and, when given, from a zoom: 0 when it is
 * exactly there; large while there is no map yet. For `expect.poll(...).toBeLessThan(...)`.
 */
export async function cameraOff(page: Page, at: [number, number], zoom?: number): Promise<number> {
  const c = await mapCentre(page);
  if (!c) return 9;
  return (
    Math.hypot(c.lng - at[0], c.lat - at[1]) + (zoom === undefined ? 0 : Math.abs(c.zoom - zoom))
  );
}
