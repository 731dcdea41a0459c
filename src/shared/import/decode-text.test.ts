import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

// "名称,经度" in GBK, as Excel on a Chinese Windows saves a CSV.
const GBK = Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xbe, 0xad, 0xb6, 0xc8]);

describe('decodeText', () => {
  it('reads UTF-8 with a BOM, without the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('名称,经度')]);
    expect(decodeText(bytes)).toEqual({ text: '名称,经度', encoding: 'utf-8-bom' });
  });

  it('reads plain UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('名称,经度'))).toEqual({
      text: '名称,经度',
      encoding: 'utf-8',
    });
  });

  it('reads GBK (as GB18030) when the bytes are not UTF-8', () => {
    expect(decodeText(GBK)).toEqual({ text: '名称,经度', encoding: 'gb18030' });
  });
});
