import { describe, expect, it } from 'vitest';
import { DEFAULT_HYDRO_RULES, HydroRule } from './hydro-rule.ts';

describe('hydro rules', () => {
  it('ships default rules that validate, each id once', () => {
    for (const r of DEFAULT_HYDRO_RULES) expect(HydroRule.safeParse(r).success).toBe(true);
    expect(new Set(DEFAULT_HYDRO_RULES.map((r) => r.id)).size).toBe(DEFAULT_HYDRO_RULES.length);
  });

  it('refuses a rule with a window no rule reads, or no threshold, saying why', () => {
    const bad = HydroRule.safeParse({
      id: 'r',
      name: 'x',
      level: 'red',
      kind: 'rain',
      windowH: 2,
      mm: 50,
    });
    expect(bad.success ? '' : bad.error.issues[0]?.message).toContain('1, 3, 6, 12 or 24');
    const none = HydroRule.safeParse({
      id: 'r',
      name: 'x',
      level: 'red',
      kind: 'rain',
      windowH: 3,
      mm: 0,
    });
    expect(none.success ? '' : none.error.issues[0]?.message).toContain('above 0 mm');
  });
});
