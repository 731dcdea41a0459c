import { describe, expect, it } from 'vitest';
import { diffById } from './diff.ts';

describe('diffById', () => {
  it('tells added, changed (with the fields), removed and unchanged apart', () => {
    const before = [
      { id: 'a', name: '甲', capacity: 100 },
      { id: 'b', name: '乙', capacity: 50 },
      { id: 'c', name: '丙', capacity: 10 },
    ];
    const after = [
      { id: 'a', name: '甲', capacity: 100 },
      { id: 'b', name: '乙', capacity: 80 },
      { id: 'd', name: '丁', capacity: 5 },
    ];
    const d = diffById(before, after, (e) => e.id);
    expect(d.added.map((e) => e.id)).toEqual(['d']);
    expect(d.changed.map((c) => [c.after.id, c.fields])).toEqual([['b', ['capacity']]]);
    expect(d.removed.map((e) => e.id)).toEqual(['c']);
    expect(d.unchanged).toBe(1);
  });
});
