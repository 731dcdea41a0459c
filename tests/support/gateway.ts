import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server/app.ts';
import type { ScenarioId } from '../../src/shared/protocol/index.ts';
import { TEST_SECRET } from './access.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A real gateway on a random loopback port, on the fixtures `npm test` generated. */
export async function startGateway(
  scenarios: ScenarioId[] = ['erqi', 'kaifeng'],
  withApp = false,
  extra: Partial<GatewayOptions> = {},
): Promise<{ gateway: Gateway; url: string }> {
  const gateway = await createGateway({
    dataDir: `${ROOT}fixtures`,
    eventLog: ':memory:',
    simulator: null,
    // The sample's default (an open read API); tests of access control say otherwise.
    readAccess: 'open',
    tokenSecret: TEST_SECRET,
    // Every test client comes from 127.0.0.1: the per-address handshake rate is for LANs.
    limits: { handshakesPerSecond: 10_000 },
    ...(withApp ? { staticDir: `${ROOT}dist` } : {}),
    scenarios,
    ...extra,
  });
  const url = await gateway.listen(0);
  return { gateway, url };
}

/** One gateway for a whole test file, started before its tests and closed after them. */
export function gatewaySuite(
  scenarios: ScenarioId[] = ['erqi', 'kaifeng'],
  extra: Partial<GatewayOptions> = {},
): { gateway: Gateway; base: string } {
  const suite = {} as { gateway: Gateway; base: string };
  beforeAll(async () => {
    const { gateway, url } = await startGateway(scenarios, false, extra);
    suite.gateway = gateway;
    suite.base = url;
  });
  afterAll(async () => {
    await suite.gateway.close();
  });
  return suite;
}
