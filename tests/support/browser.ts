import { chromium, type Browser } from 'playwright-core';

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
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
