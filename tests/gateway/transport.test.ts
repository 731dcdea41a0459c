import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, FeedSubscribed } from '../../src/shared/protocol/index.ts';
import { gatewaySuite, startGateway } from '../support/gateway.ts';

/** Security headers on every answer, and the gateway's own HTTPS. */
const suite = gatewaySuite(['erqi']);
const dir = mkdtempSync(join(tmpdir(), 'onemap-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('headers', () => {
  it('sends a CSP without inline script, no framing, nosniff, no Referer; no HSTS over plain HTTP', async () => {
    const res = await fetch(`${suite.base}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(script).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('marks answers that depend on the reader private to that reader', async () => {
    const res = await fetch(`${suite.base}/api/scenarios/erqi/tables/hidden-hazards.bin`);
    await res.arrayBuffer();
    expect(res.headers.get('cache-control')).toContain('private');
    expect(res.headers.get('vary')).toContain('Authorization');
  });
});

describe('built-in HTTPS', () => {
  it('serves the API and the socket over TLS with HSTS', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    // A certificate for this test only, as a bureau's own CA would issue for the gateway.
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=onemap.test',
      '-addext',
      'subjectAltName=DNS:onemap.test,IP:127.0.0.1',
    ]);
    const ca = readFileSync(cert);
    const { gateway, url } = await startGateway(['erqi'], false, {
      tls: { cert: ca, key: readFileSync(key) },
    });
    try {
      expect(url.startsWith('https://')).toBe(true);
      const answer = await new Promise<{ status: number; hsts: string | undefined }>(
        (resolve, reject) => {
          const req = request(`${url}/api/health`, { ca }, (res) => {
            res.resume();
            resolve({
              status: res.statusCode ?? 0,
              hsts: res.headers['strict-transport-security'],
            });
          });
          req.on('error', reject);
          req.end();
        },
      );
      expect(answer.status).toBe(200);
      expect(answer.hsts).toContain('max-age=');
      const socket = connect(url, {
        transports: ['websocket'],
        reconnection: false,
        ca: ca.toString(),
      });
      try {
        const ack = (await socket.emitWithAck('feed:subscribe', {
          scenario: 'erqi',
        })) as Ack<FeedSubscribed>;
        expect(ack.ok).toBe(true);
      } finally {
        socket.close();
      }
    } finally {
      await gateway.close();
    }
  });
});
