import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_ESCAPE, inertCell } from './inert-cells.ts';

const ATTACKS = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

describe('inert cells', () => {
  it.each(ATTACKS)('neutralises %j with a leading apostrophe', (text) => {
    expect(inertCell(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text, Chinese and numbers in text alone', () => {
    for (const t of ['贾鲁河漫溢', 'a=b', '12', '', ' =x']) expect(inertCell(t)).toBe(t);
  });

  it('gives the same result through papaparse, and keeps real numbers numbers', () => {
    const csv = Papa.unparse({ fields: ['t', 'n'], data: [[ATTACKS[0], -5]] }, CSV_ESCAPE);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",-5`);
  });
});
