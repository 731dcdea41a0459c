import { describe, expect, it } from 'vitest';
import { codeInScan, normaliseCode, rowOfSafeCode, safeCode } from './safe-code.ts';

const KEY = 20_260_720;

describe('safe codes', () => {
  it('round-trips every row of a large register and gives each a code of its own', () => {
    const seen = new Set<string>();
    for (let row = 0; row < 200_000; row++) {
      const code = safeCode(row, KEY);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);
      seen.add(code);
      if (row % 997 === 0) expect(rowOfSafeCode(code, KEY)).toBe(row);
    }
    expect(seen.size).toBe(200_000);
  });

  it('does not hand out neighbouring codes to neighbours in the register', () => {
    const a = safeCode(1000, KEY);
    const b = safeCode(1001, KEY);
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a.charAt(i) === b.charAt(i)) same++;
    expect(same).toBeLessThan(4);
  });

  it('catches a wrong character and two swapped neighbours (but for 0 and Z, 31 apart)', () => {
    let caught = 0;
    let tried = 0;
    for (let row = 0; row < 300; row++) {
      const code = safeCode(row * 7919, KEY);
      for (let i = 0; i < 7; i++) {
        const wrong = code[i] === 'A' ? 'B' : 'A';
        tried++;
        if (rowOfSafeCode(code.slice(0, i) + wrong + code.slice(i + 1), KEY) === null) caught++;
      }
      for (let i = 0; i < 5; i++) {
        const pair = `${code[i]}${code[i + 1]}`;
        if (code[i] === code[i + 1] || pair === '0Z' || pair === 'Z0') continue;
        const swapped = code.slice(0, i) + code.charAt(i + 1) + code.charAt(i) + code.slice(i + 2);
        tried++;
        if (rowOfSafeCode(swapped, KEY) === null) caught++;
      }
    }
    expect(caught).toBe(tried);
  });

  it('reads what people type and what the QR holds', () => {
    const code = safeCode(42, KEY);
    const typed = `${code.slice(0, 3).toLowerCase()} - ${code.slice(3)}`;
    expect(normaliseCode(typed)).toBe(code);
    expect(rowOfSafeCode(typed, KEY)).toBe(42);
    expect(codeInScan(`https://onemap.example/checkin?c=${code}`)).toBe(code);
    expect(codeInScan(code)).toBe(code);
    // Another key's register does not accept the code as the same person.
    expect(rowOfSafeCode(code, KEY + 1)).not.toBe(42);
    expect(rowOfSafeCode('', KEY)).toBeNull();
    expect(rowOfSafeCode('AAAAAA!', KEY)).toBeNull();
  });
});
