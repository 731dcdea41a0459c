import './hazards.css';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { inArea } from '../../../shared/analysis/area-stats.ts';
import {
  emptyTally,
  isHazardOverdue,
  type HazardTally,
  type HiddenHazard,
  type LonLat,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { hazardStatsQuery, useCollection } from '../../data/collections.ts';
import { useToday } from '../../state/use-today.ts';

const DAY = 86_400_000;
const LIST = 30;

/** Sums the township tallies inside an area (a city, county or township code; null: all). */
function tallyOf(byTownship: Record<string, HazardTally>, area: string | null): HazardTally {
  const sum = emptyTally();
  for (const [code, t] of Object.entries(byTownship)) {
    if (area !== null && !inArea(area.slice(0, 9), code)) continue;
    for (const k of Object.keys(sum) as (keyof HazardTally)[]) sum[k] += t[k];
  }
  return sum;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(2)}%`;

/**
 * Hidden-hazard work of the focused area: KPIs (investigated, rectified, open, overdue,
 * settlement rate), townships by overdue count, and the most overdue items to chase.
 */
export function HazardPanel({
  scenario,
  area,
  townships,
  onSelect,
  onArea,
}: {
  scenario: ScenarioId;
  area: string | null;
  townships: ReadonlyMap<string, string>;
  onSelect: (id: string, position: LonLat) => void;
  onArea: (code: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const today = useToday();
  const stats = useQuery(hazardStatsQuery(scenario));
  const hazards = useCollection(scenario, 'open-hazards');
  const n = new Intl.NumberFormat(i18n.language);
  const overdue = useMemo(
    () =>
      (hazards.data?.entities ?? [])
        .filter(
          (h) =>
            isHazardOverdue(h, today) &&
            (area === null || inArea(area.slice(0, 9), h.townshipCode)),
        )
        .sort((a, b) => a.deadline.localeCompare(b.deadline)),
    [hazards.data, today, area],
  );
  const byTownship = stats.data?.byTownship;
  const tally = byTownship ? tallyOf(byTownship, area) : null;
  const worst = byTownship
    ? Object.entries(byTownship)
        .filter(([code]) => area === null || inArea(area.slice(0, 9), code))
        .sort(([, a], [, b]) => b.overdue - a.overdue)
        .slice(0, 8)
    : [];
  const daysLate = (h: HiddenHazard) =>
    Math.round((Date.parse(today) - Date.parse(h.deadline)) / DAY);
  return (
    <details className="hazard-panel" data-testid="hazard-panel">
      <summary>
        <h2>{t('hazards.title')}</h2>
        {tally && tally.overdue > 0 && (
          <span className="badge overdue">{t('hazards.overdueBadge', { n: tally.overdue })}</span>
        )}
      </summary>
      {stats.isError && <p role="alert">{stats.error.message}</p>}
      {tally && (
        <dl className="kpis" data-testid="hazard-kpis">
          <div>
            <dt>{t('hazards.investigated')}</dt>
            <dd data-kpi="investigated">{n.format(tally.investigated)}</dd>
          </div>
          <div>
            <dt>{t('hazards.rectified')}</dt>
            <dd data-kpi="rectified">
              {n.format(tally.rectified)}
              <small>{percent(tally.rectified, tally.investigated)}</small>
            </dd>
          </div>
          <div>
            <dt>{t('hazards.open')}</dt>
            <dd data-kpi="open">{n.format(tally.open)}</dd>
          </div>
          <div className={tally.overdue > 0 ? 'alert' : undefined}>
            <dt>{t('hazards.overdue')}</dt>
            <dd data-kpi="overdue">{n.format(tally.overdue)}</dd>
          </div>
          <div className="wide">
            <dt>{t('hazards.settlement')}</dt>
            <dd data-kpi="settlement">
              {percent(tally.settled, tally.reports)}
              <small>
                {n.format(tally.settled)} / {n.format(tally.reports)}
              </small>
            </dd>
          </div>
        </dl>
      )}
      {worst.length > 1 && (
        <table className="townships">
          <thead>
            <tr>
              <th>{t('hazards.township')}</th>
              <th>{t('hazards.rectifiedRate')}</th>
              <th>{t('hazards.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {worst.map(([code, x]) => (
              <tr key={code} onClick={() => onArea(code)}>
                <td>{townships.get(code) ?? code}</td>
                <td>{percent(x.rectified, x.investigated)}</td>
                <td className={x.overdue > 0 ? 'late' : undefined}>{n.format(x.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('hazards.overdueList', { n: overdue.length })}</h3>
      <ol className="overdue-list">
        {overdue.slice(0, LIST).map((h) => (
          <li key={h.id}>
            <button type="button" onClick={() => onSelect(h.id, h.position)}>
              <span className="late">{t('hazards.daysLate', { n: daysLate(h) })}</span>
              <span>{t(`enums.reportCategory.${h.category}`)}</span>
              <span className="muted">{townships.get(h.townshipCode) ?? h.townshipCode}</span>
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
