/** The encodings a bureau's CSV comes in, as detected. */
export type TextEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030';

/**
 * Text from a file of unknown encoding, the way bureaus' files come: a BOM says UTF-8; else text
 * that is valid UTF-8 is UTF-8; else it is GB18030 (a superset of GBK and GB2312, what Excel on a
 * Chinese Windows writes). Valid GBK Chinese is almost never valid UTF-8, so the order is safe.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
