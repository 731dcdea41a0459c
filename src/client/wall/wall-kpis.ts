import type { WithinFigure } from '../../shared/callout/figures.ts';
import {
  severityRank,
  type HazardStats,
  type Incident,
  type SeverityLevel,
  type Shelter,
  type Team,
} from '../../shared/protocol/index.ts';

export type Level = 'ok' | 'warn' | 'alert';

export interface Kpi {
  id:
    | 'incidents'
    | 'alarms'
    | 'teams'
    | 'shelters'
    | 'transfer'
    | 'overdue'
    | 'settlement'
    | 'overWarning'
    | 'rain1h'
    | 'overFloodLimit'
    | 'callouts';
  /** The main figure, as shown. */
  value: string;
  /** Its parts (e.g. incidents by severity), as [label key, figure]. */
  parts: [string, number][];
  level: Level;
}

export interface WallData {
  incidents: readonly Incident[];
  teams: readonly Team[];
  shelters: readonly Shelter[];
  hazards: HazardStats | null;
  /**
   * People of the plan in force: transferred and to transfer (null: no plan); `unaccounted`, the
   * registered not yet at a shelter or with relatives (null: counted without registers).
   */
  transfer: { moved: number; total: number; unaccounted?: number | null } | null;
  /** 水雨情 (null: the jurisdiction has no stations). */
  hydro?: HydroFigures | null;
  /** 叫应 under way (null: nobody is being called, or this wall may not see who is). */
  callouts?: CalloutFigures | null;
}

/** What the wall counts of 叫应: answered within the answer time, still waiting, never answered. */
export interface CalloutFigures {
  minutes: number;
  within: WithinFigure;
  total: number;
  waiting: number;
  unanswered: number;
}

/** What the wall counts of the stations' latest readings (see `hydroFigures`). */
export interface HydroFigures {
  /** River stations over 警戒 (of them, over 保证). */
  overWarning: number;
  overGuarantee: number;
  rivers: number;
  /** Reservoirs over 汛限. */
  overFloodLimit: number;
  reservoirs: number;
  /** The most rain in the last hour at any current gauge (mm), and how many gauges ≥ 20 mm. */
  maxRain1h: number;
  heavyGauges: number;
}

const OPEN = new Set(['reported', 'confirmed', 'dispatched', 'en_route', 'on_scene']);
const BUSY = new Set(['dispatched', 'en_route', 'on_scene']);
const SEVERITIES: SeverityLevel[] = ['I', 'II', 'III', 'IV'];
const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : 0);

/**
 * The wall's KPI tiles and their colours. Thresholds follow what a duty officer acts on: any
 * level I or II incident open, any alarm unacknowledged, fewer than a fifth of the teams free,
 * shelters past 80 % (95 %) full, a transfer below 50 % (90 %), overdue hidden hazards past 1 %
 * of the open ones, settlement below 98 % (95 %).
 */
export function wallKpis(d: WallData, n: (x: number) => string): Kpi[] {
  const open = d.incidents.filter((i) => OPEN.has(i.status));
  const bySeverity = SEVERITIES.map(
    (s) => [`severity.${s}`, open.filter((i) => i.severity === s).length] as [string, number],
  );
  const serious = open.filter((i) => severityRank(i.severity) <= severityRank('II')).length;
  const alarms = d.incidents.filter(
    (i) => i.status === 'reported' && severityRank(i.severity) <= severityRank('II'),
  ).length;
  const available = d.teams.filter((t) => t.status === 'available').length;
  const busy = d.teams.filter((t) => BUSY.has(t.status)).length;
  const inUse = d.shelters.filter((s) => s.status !== 'closed');
  const people = inUse.reduce((s, x) => s + x.occupancy, 0);
  const places = inUse.reduce((s, x) => s + x.capacityNight, 0);
  const occupancy = pct(people, places);
  const tallies = Object.values(d.hazards?.byTownship ?? {});
  const overdue = tallies.reduce((s, t) => s + t.overdue, 0);
  const stillOpen = tallies.reduce((s, t) => s + t.open, 0);
  const reports = tallies.reduce((s, t) => s + t.reports, 0);
  const settled = tallies.reduce((s, t) => s + t.settled, 0);
  const settlement = pct(settled, reports);
  const out: Kpi[] = [
    {
      id: 'incidents',
      value: n(open.length),
      parts: bySeverity,
      level: serious > 0 ? 'alert' : open.length > 0 ? 'warn' : 'ok',
    },
    { id: 'alarms', value: n(alarms), parts: [], level: alarms > 0 ? 'alert' : 'ok' },
    {
      id: 'teams',
      value: `${n(available)} / ${n(busy)}`,
      parts: [
        ['kpi.available', available],
        ['kpi.busy', busy],
      ],
      level: available < 0.2 * Math.max(1, d.teams.length) ? 'warn' : 'ok',
    },
    {
      id: 'shelters',
      value: `${occupancy.toFixed(1)}%`,
      parts: [
        ['kpi.sheltered', people],
        ['kpi.places', places],
      ],
      level: occupancy > 95 ? 'alert' : occupancy > 80 ? 'warn' : 'ok',
    },
  ];
  if (d.transfer) {
    const done = pct(d.transfer.moved, d.transfer.total);
    out.push({
      id: 'transfer',
      value: `${done.toFixed(0)}%`,
      parts: [
        ['kpi.moved', d.transfer.moved],
        ['kpi.toMove', d.transfer.total],
        ...(d.transfer.unaccounted != null
          ? [['kpi.unaccounted', d.transfer.unaccounted] as [string, number]]
          : []),
      ],
      level: done < 50 ? 'alert' : done < 90 ? 'warn' : 'ok',
    });
  }
  if (d.hydro) {
    const h = d.hydro;
    out.push(
      {
        id: 'overWarning',
        value: n(h.overWarning),
        parts: [
          ['kpi.overGuarantee', h.overGuarantee],
          ['kpi.rivers', h.rivers],
        ],
        level: h.overGuarantee > 0 ? 'alert' : h.overWarning > 0 ? 'warn' : 'ok',
      },
      {
        id: 'rain1h',
        value: `${h.maxRain1h.toFixed(1)} mm`,
        parts: [['kpi.heavyGauges', h.heavyGauges]],
        // 短时强降水 is 20 mm in an hour; 50 mm an hour is 特大暴雨's hourly grade.
        level: h.maxRain1h >= 50 ? 'alert' : h.maxRain1h >= 20 ? 'warn' : 'ok',
      },
    );
    if (h.reservoirs > 0)
      out.push({
        id: 'overFloodLimit',
        value: n(h.overFloodLimit),
        parts: [['kpi.reservoirs', h.reservoirs]],
        level: h.overFloodLimit > 0 ? 'alert' : 'ok',
      });
  }
  if (d.callouts && d.callouts.total > 0) {
    const c = d.callouts;
    const share = c.within.share;
    out.push({
      id: 'callouts',
      value: share === null ? '—' : `${Math.round(share * 100)}%`,
      parts: [
        ['kpi.calloutWaiting', c.waiting],
        ['kpi.calloutUnanswered', c.unanswered],
      ],
      // Every responsible person reached in time is the rule (Changzhi: within 5 minutes).
      level:
        c.unanswered > 0 || (share !== null && share < 0.8)
          ? 'alert'
          : c.waiting > 0 || (share !== null && share < 1)
            ? 'warn'
            : 'ok',
    });
  }
  if (d.hazards) {
    out.push(
      {
        id: 'overdue',
        value: n(overdue),
        parts: [['kpi.open', stillOpen]],
        level: overdue > 0.01 * Math.max(1, stillOpen) ? 'alert' : overdue > 0 ? 'warn' : 'ok',
      },
      {
        id: 'settlement',
        value: `${settlement.toFixed(2)}%`,
        parts: [
          ['kpi.settled', settled],
          ['kpi.reports', reports],
        ],
        level: settlement < 95 ? 'alert' : settlement < 98 ? 'warn' : 'ok',
      },
    );
  }
  return out;
}
