/**
 * 安全码: the short code on a person's printed QR tag, typed in by shelter staff when a scan
 * fails. Six Crockford base-32 characters carry the person's row in the register through a keyed
 * 30-bit Feistel permutation — a bijection, so no two people share a code and the gateway needs
 * no lookup table, yet neighbours in the register get unrelated codes — and a seventh is a check
 * character (weighted sum mod 31: a single wrong character, or two neighbours swapped, is caught
 * unless it turns a 0 into a Z or back), so a typo names nobody rather than someone else.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
const HALF = 15;
const MASK = (1 << HALF) - 1;
const ROUNDS = 4;
export const SAFE_CODE_LENGTH = 7;
/** The most rows a register may hold: the permutation works on 30 bits. */
export const SAFE_CODE_MAX_ROWS = 2 ** 30;

function round(key: number, r: number, x: number): number {
  // A small integer hash (murmur3's finaliser) of the half, the round and the key.
  let h = Math.imul(x ^ Math.imul(key, 0x9e3779b1) ^ Math.imul(r + 1, 0x85ebca6b), 0xcc9e2d51);
  h ^= h >>> 15;
  h = Math.imul(h, 0x1b873593);
  h ^= h >>> 13;
  return h & MASK;
}

function permute(row: number, key: number): number {
  let l = row >>> HALF;
  let r = row & MASK;
  for (let i = 0; i < ROUNDS; i++) [l, r] = [r, l ^ round(key, i, r)];
  return (l << HALF) | r;
}

function unpermute(x: number, key: number): number {
  let l = x >>> HALF;
  let r = x & MASK;
  for (let i = ROUNDS - 1; i >= 0; i--) [l, r] = [r ^ round(key, i, l), l];
  return (l << HALF) | r;
}

function check(digits: readonly number[]): number {
  return digits.reduce((sum, d, i) => sum + d * (i + 1), 0) % 31;
}

/** The code of register row `row` under `key`. */
export function safeCode(row: number, key: number): string {
  if (!Number.isInteger(row) || row < 0 || row >= SAFE_CODE_MAX_ROWS)
    throw new Error(`row ${row} is outside what a safe code can carry`);
  const x = permute(row, key);
  const digits = Array.from({ length: 6 }, (_, i) => (x >>> (5 * (5 - i))) & 31);
  return [...digits, check(digits)].map((d) => ALPHABET[d]).join('');
}

/**
 * What people type: lower case, spaces and dashes, and the letters Crockford reads as digits
 * (O → 0, I and L → 1).
 */
export function normaliseCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The register row a code names, or null when it is malformed or its check character fails. */
export function rowOfSafeCode(text: string, key: number): number | null {
  const code = normaliseCode(text);
  if (code.length !== SAFE_CODE_LENGTH) return null;
  const digits: number[] = [];
  for (const ch of code) {
    const d = ALPHABET.indexOf(ch);
    if (d < 0) return null;
    digits.push(d);
  }
  const body = digits.slice(0, 6);
  if (check(body) !== digits[6]) return null;
  const x = body.reduce((n, d) => n * 32 + d, 0);
  return unpermute(x, key);
}

/**
 * The code inside what a scanner read: a tag's QR holds the check-in URL `…/checkin?c=CODE` (a
 * phone's own camera app then opens the page), older tags and typed input the bare code.
 */
export function codeInScan(text: string): string {
  const m = /[?&#]c=([0-9A-Za-z-]{7,9})(?:$|[&#])/.exec(text.trim());
  return normaliseCode(m?.[1] ?? text);
}
