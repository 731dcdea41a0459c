import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser download does not work here (no internet). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium with WebGL2 in software. `renderer: 'llvmpipe'` is for figures (Mesa's GL
 * through ANGLE); SwiftShader is fine for screenshots but distorts instanced draws.
 */
export async function launchBrowser(
  renderer: 'swiftshader' | 'llvmpipe' = 'llvmpipe',
  /** More Chromium flags (e.g. --host-resolver-rules for a LAN host name). */
  extraArgs: readonly string[] = [],
): Promise<LaunchedBrowser> {
  const gl =
    renderer === 'llvmpipe'
      ? ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist']
      : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--enable-unsafe-swiftshader'],
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...gl,
      ...extraArgs,
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * A page for a test. Playwright's `waitForFunction` evaluates its predicate from a string inside
 * the page, which the gateway's Content-Security-Policy (no eval) refuses, so test pages bypass
 * CSP; the LAN test (tests/e2e/lan-desk.test.ts) runs the console under the real policy and
 * fails on any violation.
 */
export function testPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Page> {
  return browser.newPage({ viewport, bypassCSP: true });
}
