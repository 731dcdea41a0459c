import { describe, expect, it } from 'vitest';
import { hostAllowlist, hostName } from './hosts.ts';
import { originAllowed, originOf } from './origins.ts';

describe('hosts', () => {
  it('reads the name of a Host header', () => {
    expect(hostName('OneMap.Test:8080')).toBe('onemap.test');
    expect(hostName('[::1]:80')).toBe('::1');
    expect(hostName('onemap.test.')).toBe('onemap.test');
    expect(hostName('a b')).toBeNull();
    expect(hostName('')).toBeNull();
  });

  it('answers to loopback, its own addresses and ALLOWED_HOSTS, nothing else', () => {
    const allowed = hostAllowlist(['onemap.bureau.gov.cn']);
    for (const h of ['127.0.0.1:8080', 'localhost', '[::1]:8080', 'ONEMAP.bureau.gov.cn'])
      expect(allowed(h), h).toBe(true);
    for (const h of ['evil.example', 'onemap.bureau.gov.cn.evil.example', undefined, ''])
      expect(allowed(h), String(h)).toBe(false);
  });
});

describe('origins', () => {
  it('parses origins without throwing, whatever they are', () => {
    expect(originOf('https://Desk.Example:443/x')).toBe('https://desk.example');
    for (const o of [
      'x',
      'null',
      'http://',
      '://',
      'http://[::1',
      'javascript:alert(1)',
      'file:///etc',
    ])
      expect(originOf(o), o).toBeNull();
  });

  it('allows the gateway’s own origin and the configured ones only', () => {
    const extra = new Set(['http://localhost:5173']);
    expect(originAllowed(undefined, '127.0.0.1:8080', extra)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8080', '127.0.0.1:8080', extra)).toBe(true);
    expect(originAllowed('http://localhost:5173', '127.0.0.1:8080', extra)).toBe(true);
    for (const o of ['null', 'x', 'http://evil.example', 'http://127.0.0.1:9999'])
      expect(originAllowed(o, '127.0.0.1:8080', extra), o).toBe(false);
  });
});
