import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { planCsv, planXlsx, type CsvColumn, type PlanRow } from './plan-export.ts';

const ATTACK = '=HYPERLINK("http://x","y")';
const HEADERS: Record<CsvColumn, string> = {
  township: '乡镇',
  village: '村',
  shelter: '避难场所',
  people: '人数',
  vulnerable: '重点人群',
  minutes: '分钟',
  pinned: '指定',
};
const rows: PlanRow[] = [
  {
    villageCode: '410103001001',
    shelterId: 'SH1',
    township: '+township',
    village: '@village',
    shelter: ATTACK,
    people: 120,
    vulnerable: -1,
    minutes: 12,
    pinned: false,
  },
];

/** The entries of a zip archive (an .xlsx is one), by name. */
function unzip(bytes: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  for (let at = 0; bytes.readUInt32LE(at) === 0x04034b50; ) {
    const method = bytes.readUInt16LE(at + 8);
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString();
    const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString());
    at += 30 + nameLength + extra + size;
  }
  return files;
}

describe('plan exports', () => {
  it('write a cell that would be a formula as text in the CSV', () => {
    const line = planCsv(rows, HEADERS, '无').split('\r\n')[1];
    expect(line).toBe(`"'+township","'@village","'=HYPERLINK(""http://x"",""y"")",120,-1,12,`);
  });

  it('and in the workbook, with numbers left numbers', async () => {
    const blob = await planXlsx(
      rows,
      HEADERS,
      { title: 't', header: ['-乡镇'], rows: [[ATTACK, 3]] },
      ['方案', '汇总'],
      '无',
    );
    const xml = [...unzip(Buffer.from(await blob.arrayBuffer())).entries()]
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, text]) => text)
      .join('\n');
    const text = xml.replace(/&quot;/g, '"');
    expect(text).toContain(`>'${ATTACK}<`);
    // Never a formula cell, never the text as typed.
    expect(text).not.toContain(`>${ATTACK}<`);
    expect(xml).not.toContain('<f>');
    expect(xml).toContain("'-乡镇");
    expect(xml).toContain("'+township");
    expect(xml).toMatch(/<v>-1<\/v>/);
  });
});
