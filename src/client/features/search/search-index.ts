import { pinyin } from 'pinyin-pro';

export type SearchKind = 'area' | 'shelter' | 'depot' | 'team' | 'risk';

export interface SearchEntry {
  kind: SearchKind;
  /** Admin code for areas, entity id otherwise. */
  key: string;
  name: string;
  /** Where it is, e.g. the township's name. */
  context: string;
  position: [number, number];
}

interface Indexed extends SearchEntry {
  lower: string;
  initials: string;
  full: string;
}

/** Pinyin initials ("eqq" for 二七区) and full pinyin ("erqiqu"), lower case, no tones. */
export function pinyinKeys(name: string): { initials: string; full: string } {
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase();
  const full = pinyin(name, { toneType: 'none', type: 'array' }).join('').toLowerCase();
  return { initials, full };
}

/**
 * Search over names, admin codes and pinyin. Ranking: exact name, name prefix, initials
 * prefix, code prefix, then contains; areas before facilities at equal rank.
 */
export class SearchIndex {
  private readonly items: Indexed[];

  constructor(entries: readonly SearchEntry[]) {
    this.items = entries.map((e) => ({ ...e, lower: e.name.toLowerCase(), ...pinyinKeys(e.name) }));
  }

  search(query: string, limit = 12): SearchEntry[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const scored: { e: Indexed; score: number }[] = [];
    for (const e of this.items) {
      let score = -1;
      if (e.lower === q) score = 100;
      else if (e.lower.startsWith(q)) score = 80;
      else if (e.initials.startsWith(q)) score = 70;
      else if (e.key.startsWith(q)) score = 65;
      else if (e.full.startsWith(q)) score = 60;
      else if (e.lower.includes(q)) score = 40;
      else if (e.initials.includes(q) || e.full.includes(q)) score = 20;
      if (score >= 0)
        scored.push({ e, score: score + (e.kind === 'area' ? 5 : 0) - e.name.length * 0.01 });
    }
    scored.sort((a, b) => b.score - a.score || a.e.key.localeCompare(b.e.key));
    return scored.slice(0, limit).map(({ e }) => ({
      kind: e.kind,
      key: e.key,
      name: e.name,
      context: e.context,
      position: e.position,
    }));
  }
}
