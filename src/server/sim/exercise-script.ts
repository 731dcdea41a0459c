import type { Rng } from '../../shared/random.ts';
import type {
  AdminArea,
  Incident,
  IncidentType,
  LonLat,
  ScenarioId,
  SeverityLevel,
  Warning,
  WarningColour,
} from '../../shared/protocol/index.ts';

// The exercise's script: what happens, how often, and the warnings it issues.

export const INCIDENT_MIX: [IncidentType, number][] = [
  ['waterlogging', 30],
  ['water_rescue', 10],
  ['traffic_accident', 15],
  ['fire', 10],
  ['power_outage', 8],
  ['building_collapse', 4],
  ['landslide', 3],
  ['dike_piping', 4],
  ['hazchem_leak', 2],
  ['flood', 4],
];
export const LABEL: Record<IncidentType, string> = {
  waterlogging: '道路积水',
  flood: '洪水漫溢',
  water_rescue: '人员被困水中',
  dike_piping: '堤防管涌',
  building_collapse: '房屋倒塌',
  landslide: '边坡滑塌',
  fire: '火情',
  traffic_accident: '交通事故',
  hazchem_leak: '危化品泄漏',
  power_outage: '片区停电',
};
export const ESCALATION: WarningColour[] = ['blue', 'yellow', 'orange', 'red'];
const CAP_SEVERITY = {
  blue: 'Minor',
  yellow: 'Moderate',
  orange: 'Severe',
  red: 'Extreme',
} as const;
export const TEAM_SPEED_KMH = 30;
/** Incident rate multiplier by the current rainstorm warning level. */
export const STORM_RATE: Record<WarningColour | 'none', number> = {
  none: 1,
  blue: 1.5,
  yellow: 2,
  orange: 3,
  red: 5,
};
export const SIM_SENDER = 'onemap-simulator@exercise';

/** A CAP message of the "7·20" rainstorm script over a township. */
export function capMessage(
  scenario: ScenarioId,
  serial: number,
  t: AdminArea,
  level: WarningColour,
  msgType: Warning['msgType'],
  references: string[],
): Warning {
  const now = new Date();
  const polygons =
    t.geometry.type === 'Polygon'
      ? [t.geometry]
      : t.geometry.coordinates.map((c) => ({ type: 'Polygon' as const, coordinates: c }));
  const name = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' }[level];
  return {
    identifier: `SIM-${scenario}-RAIN-${now.getTime().toString(36)}-${serial}`,
    sender: SIM_SENDER,
    senderName: 'OneMap 演练模拟器',
    sent: now.toISOString(),
    status: 'Exercise',
    msgType,
    references,
    event: '暴雨预警',
    urgency: 'Expected',
    severity: CAP_SEVERITY[level],
    certainty: 'Likely',
    level,
    headline: `${t.name}暴雨${name}预警（演练）`,
    description: '演练数据：模拟器“7·20”暴雨脚本生成的预警（蓝→黄→橙→红，随后解除）。',
    instruction: '演练：请按预案做好防范。',
    onset: now.toISOString(),
    expires: new Date(now.getTime() + 6 * 3_600_000).toISOString(),
    areas: [{ areaDesc: t.name, polygons, circles: [], geocodes: [t.code] }],
  };
}

/**
 * A new exercise incident in a township. Under a warning, waterlogging and flood calls dominate;
 * otherwise the season shapes the mix (the main flood season, June–September, brings water;
 * winter brings fires).
 */
export function exerciseIncident(
  rng: Rng,
  scenario: ScenarioId,
  serial: number,
  township: AdminArea,
  storm: boolean,
): Incident {
  const month = new Date().getMonth() + 1;
  const season =
    month >= 6 && month <= 9 ? 'flood' : month === 12 || month <= 2 ? 'winter' : 'other';
  const water = (t: IncidentType) => t === 'waterlogging' || t === 'flood' || t === 'water_rescue';
  const type = rng.weighted(
    INCIDENT_MIX.map(([t, w]): [IncidentType, number] => {
      if (water(t))
        return [t, w * (storm ? 4 : season === 'flood' ? 2 : season === 'winter' ? 0.3 : 1)];
      if (t === 'fire' && season === 'winter') return [t, w * 2];
      return [t, w];
    }),
  );
  const severity: SeverityLevel = rng.weighted([
    ['IV', 55],
    ['III', 30],
    ['II', 12],
    ['I', 3],
  ]);
  const position: LonLat = [
    Math.round((township.seat[0] + rng.range(-0.01, 0.01)) * 1e6) / 1e6,
    Math.round((township.seat[1] + rng.range(-0.008, 0.008)) * 1e6) / 1e6,
  ];
  const now = new Date().toISOString();
  const incident: Incident = {
    id: `SIM-${scenario}-${Date.now().toString(36)}-${serial}`,
    type,
    severity,
    status: 'reported',
    title: `${township.name}${LABEL[type]}`,
    description: '演练数据（模拟器生成）',
    position,
    address: township.name,
    countyCode: township.code.slice(0, 6),
    townshipCode: township.code,
    villageCode: null,
    reportedAt: now,
    updatedAt: now,
    assignedTeamIds: [],
    source: 'simulator',
    exercise: true,
    sensitive: type === 'hazchem_leak',
  };
  return incident;
}
