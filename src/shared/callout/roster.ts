import type { ResponsiblePerson, ResponsibleRole } from '../protocol/index.ts';

/** How a person is titled in Chinese: in the messages they get, and on the console in zh-CN. */
export const ROLE_TITLE_ZH: Record<ResponsibleRole, string> = {
  'county-chief': '县（区）长',
  'county-duty': '县防指值班员',
  'township-chief': '乡镇（街道）长',
  'township-deputy': '分管副乡镇长',
  'village-head': '村（社区）主任',
  'grid-head': '网格长',
};

/** Who is called first about an area, by role: the village's own, its township's and county's chiefs. */
const FIRST: ReadonlySet<ResponsibleRole> = new Set([
  'village-head',
  'grid-head',
  'township-chief',
  'county-chief',
]);

/** A person called first, with how many of the covered villages are theirs. */
export interface Called {
  person: ResponsiblePerson;
  villages: number;
}

/**
 * The responsible persons of a jurisdiction, indexed by area. Escalation goes up one tier: a
 * village's silence to its township's deputy, a township's to the county flood HQ's duty desk,
 * the county chief's to that desk too; the duty desk is the top (called again, not escalated).
 */
export class Roster {
  private readonly byArea = new Map<string, ResponsiblePerson[]>();
  private readonly byId = new Map<string, ResponsiblePerson>();

  constructor(persons: readonly ResponsiblePerson[]) {
    for (const p of persons) {
      this.byId.set(p.id, p);
      const list = this.byArea.get(p.areaCode);
      if (list) list.push(p);
      else this.byArea.set(p.areaCode, [p]);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  person(id: string): ResponsiblePerson | undefined {
    return this.byId.get(id);
  }

  private of(area: string, roles: ReadonlySet<ResponsibleRole>): ResponsiblePerson[] {
    return (this.byArea.get(area) ?? []).filter((p) => roles.has(p.role));
  }

  /**
   * Who is called when `villages` (12-digit codes) are covered: each village's head and grid head,
   * and the chief of each township and county they lie in, each once.
   */
  firstCalled(villages: Iterable<string>): Called[] {
    const count = new Map<string, number>();
    for (const v of new Set(villages))
      for (const area of [v, v.slice(0, 9), v.slice(0, 6)])
        count.set(area, (count.get(area) ?? 0) + 1);
    const out: Called[] = [];
    for (const [area, n] of count)
      for (const person of this.of(area, FIRST)) out.push({ person, villages: n });
    return out;
  }

  /** Who is called when `p` does not answer (empty at the top). */
  above(p: ResponsiblePerson): ResponsiblePerson[] {
    const duty = this.of(p.countyCode, new Set(['county-duty']));
    switch (p.role) {
      case 'village-head':
      case 'grid-head': {
        const deputies = p.townshipCode
          ? this.of(p.townshipCode, new Set(['township-deputy']))
          : [];
        // A township without a deputy on the roster: its silence goes straight to the county.
        return deputies.length > 0 ? deputies : duty;
      }
      case 'township-chief':
      case 'township-deputy':
      case 'county-chief':
        return duty;
      case 'county-duty':
        return [];
    }
  }
}
