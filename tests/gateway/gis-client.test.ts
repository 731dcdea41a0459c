import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signedIn } from '../support/access.ts';
import { gatewaySuite } from '../support/gateway.ts';

/**
 * A real OGC API – Features client (GDAL's OAPIF driver, Debian's gdal-bin; .ci/run installs
 * it) reads a gateway whose data needs credentials: refused without, served with a `read` API
 * key or a signed-in person's token, and kept from people's data with a public wall's key.
 */
const READ_KEY = 'gis-read-key-0123456789abcdef0';
const WALL_KEY = 'gis-public-wall-0123456789abcde';
const suite = gatewaySuite(['erqi'], {
  readAccess: 'signed-in',
  apiKeys: [{ name: 'qgis-desk', channels: ['read'], events: [], key: READ_KEY }],
  wallKeys: [{ name: 'hall', audience: 'public', key: WALL_KEY }],
});

/** Runs ogrinfo (asynchronously: the gateway answering it lives in this process). */
function ogrinfo(layer: string, header?: string): Promise<{ ok: boolean; out: string }> {
  const args = [
    '-ro',
    '-so',
    `OAPIF:${suite.base}/api/scenarios/erqi`,
    layer,
    ...(header ? ['--config', 'GDAL_HTTP_HEADERS', header] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile('ogrinfo', args, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && (error as { code?: unknown }).code === 'ENOENT')
        reject(new Error("ogrinfo (Debian's gdal-bin) is needed for this test"));
      else resolve({ ok: !error, out: `${stdout}${stderr}` });
    });
  });
}

describe('a GIS client', () => {
  it('reads the OGC API with an API key or a token, and nothing without', async () => {
    const none = await ogrinfo('shelters');
    expect(none.ok).toBe(false);
    expect(none.out).toContain('401');
    const keyed = await ogrinfo('shelters', `X-API-Key: ${READ_KEY}`);
    expect(keyed.out).toContain('Feature Count: 207');
    const token = (await signedIn('viewer')).authorization;
    const person = await ogrinfo('grid-members', `Authorization: ${token}`);
    expect(person.out).toContain('Feature Count: 1225');
    // A public wall's key reads the shelters, never the people.
    expect((await ogrinfo('shelters', `X-API-Key: ${WALL_KEY}`)).out).toContain(
      'Feature Count: 207',
    );
    const people = await ogrinfo('grid-members', `X-API-Key: ${WALL_KEY}`);
    expect(people.out).not.toContain('Feature Count: 1225');
    expect(people.out).toContain('403');
  });
});
