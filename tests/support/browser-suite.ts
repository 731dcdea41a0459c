import { afterAll, beforeAll } from 'vitest';
import type { Gateway, GatewayOptions } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/operators.ts';
import type { ScenarioId } from '../../src/shared/protocol/index.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { TEST_SECRET } from './access.ts';
import { startGateway } from './gateway.ts';

export interface BrowserSuite {
  gateway: Gateway;
  base: string;
  browser: LaunchedBrowser;
}

/** One gateway serving the built app and one Chromium for the whole test file. */
export function browserSuite(
  scenarios: ScenarioId[] = ['erqi', 'kaifeng'],
  extra: Partial<GatewayOptions> = {},
): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    // Every browser suite has its duty officer (what needs an account is signed in for).
    const { gateway, url } = await startGateway(scenarios, true, {
      ...withDutyOfficer(TEST_SECRET),
      ...extra,
    });
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

/** A gateway that signs in one duty officer, `duty` / `on-duty-2026` (see signIn). */
export function withDutyOfficer(secret: string): Partial<GatewayOptions> {
  return {
    tokenSecret: secret,
    operators: [{ name: 'duty', role: 'duty_officer', secret: hashPassword('on-duty-2026') }],
  };
}
