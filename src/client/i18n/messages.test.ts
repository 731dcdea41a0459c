import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-cn.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

function placeholders(obj: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of keys(obj)) {
    const text = key
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    out[key] = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
  }
  return out;
}

describe('translations', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('use the same placeholders in both languages', () => {
    expect(placeholders(en)).toEqual(placeholders(zhCN));
  });

  it('leave no English string empty', () => {
    expect(
      keys(en).filter(
        (k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) === '',
      ),
    ).toEqual([]);
  });
});
