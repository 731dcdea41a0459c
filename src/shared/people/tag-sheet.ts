import type { RegisteredPerson } from '../protocol/index.ts';

/** A4 in millimetres, and the tag grid printed on it. */
export const A4_MM = { width: 210, height: 297 } as const;
export const TAG_GRID = { columns: 3, rows: 7, marginMm: 10, headerMm: 14 } as const;
export const TAGS_PER_PAGE = TAG_GRID.columns * TAG_GRID.rows;

export interface TagPlace {
  person: RegisteredPerson;
  /** Top-left corner and size of the tag on its page, in millimetres. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * 安全码 sheets for the people without phones (most of a village's elderly): the village's people
 * household by household, a grid of cut-out tags per A4 page, each with its QR code, the code
 * in large print for typing, the name and the household.
 */
export function tagPages(people: readonly RegisteredPerson[]): TagPlace[][] {
  const { columns, rows, marginMm, headerMm } = TAG_GRID;
  const width = (A4_MM.width - 2 * marginMm) / columns;
  const height = (A4_MM.height - 2 * marginMm - headerMm) / rows;
  const sorted = [...people].sort((a, b) =>
    a.household < b.household ? -1 : a.household > b.household ? 1 : 0,
  );
  const pages: TagPlace[][] = [];
  sorted.forEach((person, i) => {
    const at = i % TAGS_PER_PAGE;
    if (at === 0) pages.push([]);
    pages[pages.length - 1]?.push({
      person,
      x: marginMm + (at % columns) * width,
      y: marginMm + headerMm + Math.floor(at / columns) * height,
      width,
      height,
    });
  });
  return pages;
}

/** The code as printed: two groups a person reads out and types without losing their place. */
export const printedCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
