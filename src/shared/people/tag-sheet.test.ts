import { describe, expect, it } from 'vitest';
import type { RegisteredPerson } from '../protocol/index.ts';
import { A4_MM, TAGS_PER_PAGE, printedCode, tagPages } from './tag-sheet.ts';

const person = (i: number): RegisteredPerson => ({
  code: `A${String(i).padStart(6, '0')}`,
  name: `人${i}`,
  sex: 'f',
  born: 1950,
  village: '410103001001',
  household: `001-${String(Math.floor(i / 3)).padStart(4, '0')}`,
  vulnerable: [],
});

describe('安全码 sheets', () => {
  it('puts every person on one tag, household by household, inside the page', () => {
    const people = Array.from({ length: 50 }, (_, i) => person(49 - i));
    const pages = tagPages(people);
    expect(pages).toHaveLength(Math.ceil(50 / TAGS_PER_PAGE));
    const tags = pages.flat();
    expect(new Set(tags.map((t) => t.person.code)).size).toBe(50);
    expect(tags.map((t) => t.person.household)).toEqual(
      [...tags.map((t) => t.person.household)].sort(),
    );
    for (const t of tags) {
      expect(t.x + t.width).toBeLessThanOrEqual(A4_MM.width);
      expect(t.y + t.height).toBeLessThanOrEqual(A4_MM.height);
      // Tall enough for a QR of 25 mm or more: what a phone reads off paper at arm's length.
      expect(t.height - 4).toBeGreaterThanOrEqual(25);
    }
    // No two tags of a page overlap.
    for (const page of pages)
      for (const a of page)
        for (const b of page)
          if (a !== b)
            expect(
              a.x + a.width <= b.x + 1e-9 ||
                b.x + b.width <= a.x + 1e-9 ||
                a.y + a.height <= b.y + 1e-9 ||
                b.y + b.height <= a.y + 1e-9,
            ).toBe(true);
    expect(printedCode('7K3MQ2P')).toBe('7K3M-Q2P');
  });
});
