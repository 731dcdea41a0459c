/**
 * Byte helpers for SL 651-2014's HEX/BCD encoding: the CRC every frame ends with, packed BCD
 * (addresses, times, element values) and hex text for logs and tests.
 */

/**
 * CRC-16 as the standard specifies it (polynomial x¹⁶ + x¹⁵ + x² + 1, reflected: 0xA001, from
 * 0xFFFF, no final XOR — the Modbus CRC), over `bytes[from, to)`.
 */
export function crc16(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let crc = 0xffff;
  for (let i = from; i < to; i++) {
    crc ^= bytes[i] ?? 0;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** The decimal digits of packed BCD bytes, or null if a nibble is not a digit. */
export function bcdDigits(bytes: Uint8Array, from = 0, to = bytes.length): string | null {
  let out = '';
  for (let i = from; i < to; i++) {
    const b = bytes[i] ?? 0;
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return null;
    out += String(hi) + String(lo);
  }
  return out;
}

/** Packed BCD of a string of decimal digits (an odd count gets a leading 0). */
export function toBcd(digits: string): Uint8Array {
  if (!/^\d*$/.test(digits)) throw new Error(`not decimal digits: ${digits}`);
  const even = digits.length % 2 ? `0${digits}` : digits;
  const out = new Uint8Array(even.length / 2);
  for (let i = 0; i < out.length; i++)
    out[i] = (Number(even[2 * i]) << 4) | Number(even[2 * i + 1]);
  return out;
}

/** Bytes of a hex string (spaces allowed), or null if it is not hex. */
export function fromHex(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/** Several byte arrays (or single bytes) one after another. */
export function concat(...parts: (Uint8Array | number)[]): Uint8Array {
  const length = parts.reduce<number>((n, p) => n + (typeof p === 'number' ? 1 : p.length), 0);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'number') out[at++] = p;
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}
