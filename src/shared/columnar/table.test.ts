import { describe, expect, it } from 'vitest';
import { decodeTable, encodeTable } from './table.ts';

describe('column table', () => {
  it('round-trips every column type, dictionaries and meta', () => {
    const bytes = encodeTable(
      3,
      [
        { name: 'a', data: new Uint8Array([1, 2, 3]), dictionary: ['x', 'y', 'z', 'w'] },
        { name: 'b', data: new Uint16Array([300, 0, 65535]) },
        { name: 'c', data: new Uint32Array([1, 2 ** 32 - 1, 7]) },
        { name: 'd', data: new Int32Array([-5, 113_650_000, 0]) },
        { name: 'e', data: new Float32Array([0.5, -1.25, 3]) },
      ],
      { kind: 'test' },
    );
    const table = decodeTable(bytes.buffer as ArrayBuffer);
    expect(table.header.rows).toBe(3);
    expect(table.header.meta).toEqual({ kind: 'test' });
    expect([...(table.columns.a ?? [])]).toEqual([1, 2, 3]);
    expect(table.header.columns[0]?.dictionary).toEqual(['x', 'y', 'z', 'w']);
    expect([...(table.columns.b ?? [])]).toEqual([300, 0, 65535]);
    expect([...(table.columns.c ?? [])]).toEqual([1, 2 ** 32 - 1, 7]);
    expect([...(table.columns.d ?? [])]).toEqual([-5, 113_650_000, 0]);
    expect([...(table.columns.e ?? [])]).toEqual([0.5, -1.25, 3]);
  });

  it('refuses a file that is not a column table', () => {
    expect(() =>
      decodeTable(new TextEncoder().encode('{"type":"FeatureCollection"}').buffer),
    ).toThrow(/bad magic/);
  });

  it('refuses columns of the wrong length', () => {
    expect(() => encodeTable(2, [{ name: 'a', data: new Uint8Array(3) }])).toThrow(/3 rows, not 2/);
  });
});
