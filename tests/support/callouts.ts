import type { Gateway } from '../../src/server/app.ts';
import type { EntityCollection } from '../../src/server/data/collection.ts';
import type { AdminArea, ScenarioId, Warning } from '../../src/shared/protocol/index.ts';

/** The first villages of a jurisdiction's first township that has at least `n` of them. */
export function villagesOf(gateway: Gateway, scenario: ScenarioId, n: number): AdminArea[] {
  const all =
    (
      gateway.scenarios.get(scenario)?.collections.get('villages') as
        | EntityCollection<'villages'>
        | undefined
    )?.entities ?? [];
  const byTownship = new Map<string, AdminArea[]>();
  for (const v of all) {
    const t = v.code.slice(0, 9);
    byTownship.set(t, [...(byTownship.get(t) ?? []), v]);
  }
  const picked = [...byTownship.values()].find((list) => list.length >= n);
  if (!picked) throw new Error(`no township with ${n} villages in ${scenario}`);
  return picked.slice(0, n);
}

/** A warning over exactly these villages (named by their 12-digit codes, as the rules' are). */
export function warningOver(
  villages: readonly AdminArea[],
  o: {
    identifier: string;
    level?: Warning['level'];
    references?: string[];
    msgType?: Warning['msgType'];
  },
): Warning {
  const now = Date.now();
  return {
    identifier: o.identifier,
    sender: 'test-met',
    senderName: '测试气象台',
    sent: new Date(now).toISOString(),
    status: 'Exercise',
    msgType: o.msgType ?? (o.references ? 'Update' : 'Alert'),
    references: o.references ?? [],
    event: '暴雨预警',
    urgency: 'Immediate',
    severity: 'Extreme',
    certainty: 'Observed',
    level: o.level ?? 'red',
    headline: `测试暴雨${o.level === 'orange' ? '橙' : '红'}色预警`,
    description: '',
    instruction: '',
    onset: new Date(now).toISOString(),
    expires: new Date(now + 6 * 3_600_000).toISOString(),
    areas: [
      {
        areaDesc: villages.map((v) => v.name).join('、'),
        polygons: [],
        circles: [],
        geocodes: villages.map((v) => v.code),
      },
    ],
  };
}
