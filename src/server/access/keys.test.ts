import { describe, expect, it } from 'vitest';
import { ApiKeyEntry, KeyRing, WallKeyEntry, feedsIn, parseKeyList, sha256 } from './keys.ts';

describe('keys', () => {
  const apiKeys: ApiKeyEntry[] = [
    { name: 'gps-box', channels: ['gps'], events: [], key: 'gps-key-0123456789abcdef012' },
    {
      name: 'hashed',
      channels: ['read'],
      events: [],
      sha256: sha256('only-the-hash-is-configured-0123').toString('hex'),
    },
  ];
  const ring = new KeyRing(apiKeys, [
    { name: 'hall', audience: 'public', key: 'wall-key-0123456789abcdef01' },
  ]);

  it('finds a key by the key itself or by its configured hash', () => {
    expect(ring.find('gps-key-0123456789abcdef012')).toMatchObject({ api: { name: 'gps-box' } });
    expect(ring.find('only-the-hash-is-configured-0123')).toMatchObject({
      api: { name: 'hashed' },
    });
    expect(ring.find('wall-key-0123456789abcdef01')).toMatchObject({ wall: { name: 'hall' } });
    expect(ring.find('gps-key-0123456789abcdef01')).toBeNull();
    expect(ring.find('')).toBeNull();
    expect(feedsIn(apiKeys)).toBe(true);
  });

  it('refuses configurations that would grant more than they say', () => {
    const bad = (entry: unknown, reason: string) =>
      expect(() => parseKeyList('API_KEYS', JSON.stringify([entry]), ApiKeyEntry)).toThrow(reason);
    bad({ name: 'x', channels: ['events'], key: 'k'.repeat(30) }, 'must list the event types');
    bad(
      { name: 'x', channels: ['events'], events: ['plan:publish'], key: 'k'.repeat(30) },
      'ingest may publish only',
    );
    bad({ name: 'x', channels: ['gps'], key: 'short' }, 'at least 24 characters');
    bad({ name: 'x', channels: ['gps'] }, 'the key or its sha256');
    bad({ name: 'x', channels: ['root'], key: 'k'.repeat(30) }, 'a channel is');
    expect(() => parseKeyList('API_KEYS', 'k1,k2', ApiKeyEntry)).toThrow('JSON list');
    expect(() =>
      parseKeyList(
        'WALL_KEYS',
        '[{"name":"w","audience":"everyone","key":"kkkkkkkkkkkkkkkkkkkkkkkkk"}]',
        WallKeyEntry,
      ),
    ).toThrow('WALL_KEYS');
    expect(
      () =>
        new KeyRing([
          { name: 'twice', channels: ['gps'], events: [], key: 'a'.repeat(30) },
          { name: 'twice', channels: ['cap'], events: [], key: 'b'.repeat(30) },
        ]),
    ).toThrow('names must be unique');
  });
});
