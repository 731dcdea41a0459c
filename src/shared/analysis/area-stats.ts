import type { Table } from '../columnar/table.ts';
import type {
  AdminArea,
  Depot,
  Incident,
  RiskPoint,
  Shelter,
  Team,
  Vulnerable,
} from '../protocol/index.ts';

/** Totals of one admin area: the summary a duty officer reads when drilling down. */
export interface AreaStats {
  population: number;
  vulnerable: Vulnerable;
  shelters: { count: number; capacityNight: number; occupancy: number; free: number };
  teams: { count: number; people: number; available: number };
  depots: number;
  riskPoints: { total: number; open: number; overdue: number };
  incidents: { open: number };
  reports: {
    total: number;
    settled: number;
    /** percent, null without reports */ rate: number | null;
  };
}

export interface StatsInput {
  shelters: readonly Shelter[];
  teams: readonly Team[];
  depots: readonly Depot[];
  riskPoints: readonly RiskPoint[];
  incidents: readonly Incident[];
  /** Report totals by township code. */
  reportsByTownship: ReadonlyMap<string, { total: number; settled: number }>;
}

const CLOSED_HAZARD = new Set(['rectified', 'closed']);
const CLOSED_INCIDENT = new Set(['resolved', 'closed']);

/** Whether a 6/9/12-digit code lies in an area: a city (…00) holds every county of its prefix. */
export function inArea(areaCode: string, code: string | null | undefined): boolean {
  if (!code) return false;
  if (areaCode.length === 6 && areaCode.endsWith('00'))
    return code.startsWith(areaCode.slice(0, 4));
  return code.startsWith(areaCode);
}

interface Placed {
  countyCode: string;
  townshipCode?: string | null;
  villageCode?: string | null;
}

/**
 * Whether an item counts towards an area. Items known only to their township (teams, depots)
 * count towards each of its villages: a village summary shows its township's forces.
 */
function placedIn(code: string, x: Placed): boolean {
  if (code.length === 12)
    return x.villageCode ? x.villageCode === code : inArea(code.slice(0, 9), x.townshipCode);
  return inArea(code, x.townshipCode ?? x.countyCode);
}

export function isOverdue(p: RiskPoint, today: string): boolean {
  return (
    !CLOSED_HAZARD.has(p.status) &&
    p.rectificationDeadline !== null &&
    p.rectificationDeadline < today
  );
}

/**
 * Stats of `area` from the scenario's data. Items without a village code (teams, depots) count
 * towards a village only when it is their township's: a village summary shows its township's.
 */
export function areaStats(area: AdminArea, input: StatsInput, today: string): AreaStats {
  const code = area.code;
  const within = (x: Placed) => placedIn(code, x);
  const shelters = input.shelters.filter(within);
  const teams = input.teams.filter(within);
  const risk = input.riskPoints.filter(within);
  // Reports carry a township only: a village shows its township's.
  const reportScope = code.length === 12 ? code.slice(0, 9) : code;
  let reportsTotal = 0;
  let reportsSettled = 0;
  for (const [township, r] of input.reportsByTownship) {
    if (inArea(reportScope, township)) {
      reportsTotal += r.total;
      reportsSettled += r.settled;
    }
  }
  const capacityNight = shelters.reduce(
    (s, x) => s + (x.status === 'closed' ? 0 : x.capacityNight),
    0,
  );
  const occupancy = shelters.reduce((s, x) => s + x.occupancy, 0);
  return {
    population: area.population,
    vulnerable: area.vulnerable,
    shelters: {
      count: shelters.length,
      capacityNight,
      occupancy,
      free: Math.max(0, capacityNight - occupancy),
    },
    teams: {
      count: teams.length,
      people: teams.reduce((s, t) => s + t.members, 0),
      available: teams.filter((t) => t.status === 'available').length,
    },
    depots: input.depots.filter(within).length,
    riskPoints: {
      total: risk.length,
      open: risk.filter((p) => !CLOSED_HAZARD.has(p.status)).length,
      overdue: risk.filter((p) => isOverdue(p, today)).length,
    },
    incidents: {
      open: input.incidents.filter((i) => within(i) && !CLOSED_INCIDENT.has(i.status)).length,
    },
    reports: {
      total: reportsTotal,
      settled: reportsSettled,
      rate: reportsTotal > 0 ? (reportsSettled / reportsTotal) * 100 : null,
    },
  };
}

/** Report totals per township from the column table's township and status columns. */
export function reportsByTownship(
  township: ArrayLike<number>,
  status: ArrayLike<number>,
  townshipCodes: readonly string[],
  settledCode: number,
): Map<string, { total: number; settled: number }> {
  const total = new Array<number>(townshipCodes.length).fill(0);
  const settled = new Array<number>(townshipCodes.length).fill(0);
  for (let i = 0; i < township.length; i++) {
    const t = township[i] ?? 0;
    total[t] = (total[t] ?? 0) + 1;
    if (status[i] === settledCode) settled[t] = (settled[t] ?? 0) + 1;
  }
  return new Map(
    townshipCodes.map((c, i) => [c, { total: total[i] ?? 0, settled: settled[i] ?? 0 }]),
  );
}

/** Totals and settled counts per township of a report table (hazard-reports.bin). */
export function reportTotals(table: Table): Map<string, { total: number; settled: number }> {
  const dict = (name: string) =>
    table.header.columns.find((c) => c.name === name)?.dictionary ?? [];
  return reportsByTownship(
    table.columns.township ?? [],
    table.columns.status ?? [],
    dict('township'),
    dict('status').indexOf('settled'),
  );
}
