import { simplify } from '@turf/turf';
import {
  CAP_LIMITS,
  Warning,
  type AdminArea,
  type Firing,
  type PolygonGeometry,
  type WarningArea,
  type WarningColour,
} from '../protocol/index.ts';

/** The sender of the warnings OneMap's rules issue (CAP `sender`). */
export const RULES_SENDER = 'onemap-rules';

const SEVERITY = { red: 'Extreme', orange: 'Severe', yellow: 'Moderate', blue: 'Minor' } as const;
const RANK: Record<WarningColour, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

/** What a warning from a rule is called, by what fired. */
function eventName(f: Firing): string {
  if (f.ruleKind === 'depth') return '城市内涝预警';
  if (f.ruleKind === 'village') return f.stationKind === 'rain' ? '山洪灾害预警' : '洪涝灾害预警';
  if (f.stationKind === 'reservoir') return '水库超汛限预警';
  if (f.ruleKind === 'level' || f.ruleKind === 'rise') return '洪水预警';
  return '暴雨洪涝预警';
}

/** The identifier of the rule warning standing for a station (one per station, upgraded). */
export function ruleWarningPrefix(station: string): string {
  return `onemap-hydro-${station}-`;
}

/** The rule warning for `station` in force among `warnings`, if any. */
export function standingRuleWarning(
  warnings: Iterable<Warning>,
  station: string,
): Warning | undefined {
  const prefix = ruleWarningPrefix(station);
  for (const w of warnings)
    if (w.sender === RULES_SENDER && w.identifier.startsWith(prefix)) return w;
  return undefined;
}

/**
 * The warning a firing issues, or the update of the one standing for its station: at the higher
 * of the two levels, over the villages of both (each village's own outline, grouped by township,
 * with its code as the CAP geocode, so a plan drawn from the warning is for exactly those
 * villages). Null when nothing would change: the standing warning is as high and already
 * covers every village, or the firing's level is only informative.
 */
export function firingWarning(
  firing: Firing,
  villages: ReadonlyMap<string, AdminArea>,
  standing: Warning | undefined,
  o: { now: Date; exercise: boolean; hours?: number },
): Warning | null {
  if (firing.level === 'info' || firing.villages.length === 0) return null;
  const level: WarningColour =
    standing && RANK[standing.level] >= RANK[firing.level] ? standing.level : firing.level;
  const covered = new Set(standing?.areas.flatMap((a) => a.geocodes) ?? []);
  const codes = [...new Set([...covered, ...firing.villages])].filter((c) => villages.has(c));
  if (standing && level === standing.level && codes.every((c) => covered.has(c))) return null;
  const names = codes.map((c) => villages.get(c)?.name ?? c);
  const sent = o.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const identifier = `${ruleWarningPrefix(firing.station)}${o.now.getTime().toString(36)}`;
  const value = `${firing.value}${firing.unit}`;
  const warning = {
    identifier,
    sender: RULES_SENDER,
    senderName: '应急一张图水雨情规则',
    sent,
    status: o.exercise ? 'Exercise' : 'Actual',
    msgType: standing ? 'Update' : 'Alert',
    references: standing ? [`${standing.sender},${standing.identifier},${standing.sent}`] : [],
    event: eventName(firing),
    urgency: level === 'red' || level === 'orange' ? 'Immediate' : 'Expected',
    severity: SEVERITY[level],
    certainty: 'Observed',
    level,
    headline: `${firing.stationName}${firing.ruleName}：${value}（阈值${firing.threshold}${firing.unit}）`,
    description: `${firing.stationName}${firing.windowH ? `${firing.windowH}小时` : ''}实测${value}，超过${firing.ruleName}阈值${firing.threshold}${firing.unit}。受威胁村（社区）${codes.length}个：${names.slice(0, 30).join('、')}${names.length > 30 ? '等' : ''}。`,
    instruction:
      level === 'red'
        ? '立即组织危险区群众转移，落实叫应，确保应转尽转。'
        : '做好人员转移准备，责任人到岗，加密巡查。',
    onset: sent,
    expires: new Date(o.now.getTime() + (o.hours ?? 6) * 3_600_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    areas: areasOf(codes, villages),
  };
  return Warning.parse(warning);
}

/** Villages grouped by township: one CAP area each, within CAP's bounds on shapes and areas. */
function areasOf(
  codes: readonly string[],
  villages: ReadonlyMap<string, AdminArea>,
): WarningArea[] {
  const byTownship = new Map<string, string[]>();
  for (const c of codes) {
    const list = byTownship.get(c.slice(0, 9)) ?? [];
    list.push(c);
    byTownship.set(c.slice(0, 9), list);
  }
  const areas: WarningArea[] = [];
  for (const [, list] of byTownship) {
    for (let i = 0; i < list.length && areas.length < CAP_LIMITS.areas; ) {
      const polygons: PolygonGeometry[] = [];
      const geocodes: string[] = [];
      while (i < list.length && polygons.length < CAP_LIMITS.shapesPerArea) {
        const v = villages.get(list[i] ?? '');
        i++;
        if (!v) continue;
        geocodes.push(v.code);
        polygons.push(...outline(v).slice(0, CAP_LIMITS.shapesPerArea - polygons.length));
      }
      const first = villages.get(geocodes[0] ?? '');
      areas.push({
        areaDesc:
          geocodes.length === 1 && first
            ? first.name
            : `${first?.name ?? ''}等${geocodes.length}个村（社区）`,
        polygons,
        circles: [],
        geocodes,
      });
    }
  }
  return areas;
}

/** A village's outline as CAP polygons (outer rings, thinned to CAP's point limit). */
function outline(v: AdminArea): PolygonGeometry[] {
  const parts = v.geometry.type === 'Polygon' ? [v.geometry.coordinates] : v.geometry.coordinates;
  return parts.map((rings) => {
    const outer = rings[0] ?? [];
    let polygon: PolygonGeometry = { type: 'Polygon', coordinates: [outer] };
    for (
      let tolerance = 0.0001;
      (polygon.coordinates[0]?.length ?? 0) > CAP_LIMITS.pointsPerPolygon;
    )
      polygon = simplify(polygon, { tolerance: (tolerance *= 2), highQuality: false });
    return polygon;
  });
}
