import { afterAll, beforeAll } from 'vitest';
import type { Gateway } from '../../src/server/app.ts';
import type { ScenarioId } from '../../src/shared/protocol/index.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startGateway } from './gateway.ts';

export interface BrowserSuite {
  gateway: Gateway;
  base: string;
  browser: LaunchedBrowser;
}

/** One gateway serving the built app and one Chromium for the whole test file. */
export function browserSuite(scenarios: ScenarioId[] = ['erqi', 'kaifeng']): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    const { gateway, url } = await startGateway(scenarios, true);
    suite.gateway = gateway;
    suite.base = url;
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser.close();
    await suite.gateway.close();
  });
  return suite;
}
