import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { areaStats } from '../../../shared/analysis/area-stats.ts';
import { VULNERABLE_KEYS, type AdminArea } from '../../../shared/protocol/index.ts';
import { reportStatsQuery, useCollection } from '../../data/collections.ts';
import { useToday } from '../../state/use-today.ts';
import { useView } from '../../state/view-context.tsx';
import type { AreaIndex } from './use-areas.ts';

/** Breadcrumb of the drill-down and the focused area's summary. */
export function AreaSummary({ areas }: { areas: AreaIndex }) {
  const { t, i18n } = useTranslation();
  const { view, dispatch } = useView();
  const s = view.scenario;
  const shelters = useCollection(s, 'shelters').data?.entities;
  const teams = useCollection(s, 'teams').data?.entities;
  const depots = useCollection(s, 'depots').data?.entities;
  const risk = useCollection(s, 'risk-points').data?.entities;
  const incidents = useCollection(s, 'incidents').data?.entities;
  const reports = useQuery(reportStatsQuery(s)).data;
  const today = useToday();
  const chain = areas.chain(view.area);
  const area: AdminArea | undefined = chain[chain.length - 1];
  const n = new Intl.NumberFormat(i18n.language);
  const stats =
    area && shelters && teams && depots && risk && incidents && reports
      ? areaStats(
          area,
          { shelters, teams, depots, riskPoints: risk, incidents, reportsByTownship: reports },
          today,
        )
      : null;
  const vulnerableTotal = area
    ? VULNERABLE_KEYS.reduce((sum, k) => sum + area.vulnerable[k], 0)
    : 0;
  return (
    <aside className="summary" data-testid="summary">
      <nav className="breadcrumb" aria-label={t('breadcrumb.label')}>
        {chain.map((a, i) => (
          <span key={a.code}>
            {i > 0 && <span className="sep">›</span>}
            <button
              type="button"
              className={i === chain.length - 1 ? 'current' : ''}
              onClick={() => dispatch({ type: 'area', area: i === 0 ? null : a.code })}
            >
              {a.name}
            </button>
          </span>
        ))}
      </nav>
      {area && stats && (
        <div className="stats">
          <div className="big">
            {t('summary.population', { value: n.format(stats.population) })}
          </div>
          <div
            title={VULNERABLE_KEYS.map(
              (k) => `${t(`vulnerable.${k}`)} ${n.format(area.vulnerable[k])}`,
            ).join('\n')}
          >
            {t('summary.vulnerable', { value: n.format(vulnerableTotal) })}
            <span className="muted">
              {' '}
              (
              {VULNERABLE_KEYS.map(
                (k) => `${t(`vulnerable.${k}`)} ${n.format(area.vulnerable[k])}`,
              ).join(' · ')}
              )
            </span>
          </div>
          <div>
            {t('summary.shelters', {
              count: stats.shelters.count,
              capacity: n.format(stats.shelters.capacityNight),
              free: n.format(stats.shelters.free),
            })}
          </div>
          <div>
            {t('summary.teams', {
              count: stats.teams.count,
              people: n.format(stats.teams.people),
              available: stats.teams.available,
            })}
          </div>
          <div>{t('summary.depots', { count: stats.depots })}</div>
          <div>
            {t('summary.riskPoints', {
              total: stats.riskPoints.total,
              open: stats.riskPoints.open,
              overdue: stats.riskPoints.overdue,
            })}
          </div>
          <div>{t('summary.incidents', { count: stats.incidents.open })}</div>
          <div>
            {t('summary.reports', {
              total: n.format(stats.reports.total),
              rate:
                stats.reports.rate === null
                  ? t('summary.noReports')
                  : `${stats.reports.rate.toFixed(2)}%`,
            })}
            {area.level === 'village' && (
              <span className="muted"> {t('summary.townshipLevel')}</span>
            )}
          </div>
        </div>
      )}
    </aside>
  );
}
