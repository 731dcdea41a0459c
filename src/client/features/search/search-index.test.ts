import { describe, expect, it } from 'vitest';
import { SearchIndex, pinyinKeys, type SearchEntry } from './search-index.ts';

const entry = (kind: SearchEntry['kind'], key: string, name: string): SearchEntry => ({
  kind,
  key,
  name,
  context: '',
  position: [0, 0],
});

describe('search', () => {
  const index = new SearchIndex([
    entry('area', '410103', '二七区'),
    entry('area', '410103001', '淮河路街道'),
    entry('area', '410103101', '马寨镇'),
    entry('shelter', 'SH0001', '马寨学校'),
    entry('area', '410202', '龙亭区'),
  ]);

  it('finds a place by its pinyin initials, as people type them', () => {
    expect(pinyinKeys('二七区')).toEqual({ initials: 'eqq', full: 'erqiqu' });
    expect(index.search('eqq')[0]?.name).toBe('二七区');
  });

  it('finds by Chinese name, admin code and full pinyin', () => {
    expect(index.search('淮河')[0]?.key).toBe('410103001');
    expect(index.search('410103001')[0]?.name).toBe('淮河路街道');
    expect(index.search('longting')[0]?.name).toBe('龙亭区');
  });

  it('ranks the area before a facility of the same name prefix', () => {
    expect(index.search('马寨').map((e) => e.name)).toEqual(['马寨镇', '马寨学校']);
  });

  it('returns nothing for an empty or unmatched query', () => {
    expect(index.search('  ')).toEqual([]);
    expect(index.search('zzzz')).toEqual([]);
  });
});
