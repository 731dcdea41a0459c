import { hhmmCst } from '../../../shared/time.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Firing, LonLat, ScenarioId } from '../../../shared/protocol/index.ts';
import { useCanCommand } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';
import { byStation } from './station-alarms.ts';
import './hydro.css';

/**
 * The duty officer's list of 水雨情 rule firings still open, a row per station: its loudest
 * firing's value against its threshold, which way it is going, the villages threatened and
 * whether a warning went out, the other rules open there. A row shows the station on the map;
 * a duty officer acknowledges the station's firings (the alarm stops ringing for them on every
 * console). Hidden while nothing is open.
 */
export function FiringBoard({
  scenario,
  selectedStation,
  onSelect,
}: {
  scenario: ScenarioId;
  selectedStation: string | null;
  onSelect: (station: string, position: LonLat) => void;
}) {
  const { t } = useTranslation();
  const firings = useCollection(scenario, 'firings');
  const canCommand = useCanCommand();
  const [refusal, setRefusal] = useState<string | null>(null);
  const rows = useMemo(() => byStation(firings.data?.entities ?? []), [firings.data]);
  if (rows.length === 0) return null;
  const acknowledge = async (list: readonly Firing[]) => {
    for (const f of list) {
      const r = await sendCommand('firing:acknowledge', { scenario, id: f.id });
      setRefusal(r.ok ? null : r.error);
      if (!r.ok) return;
    }
  };
  const trend = (f: Firing) => {
    if (f.trend === null) return null;
    if (f.unit === 'mm') return t('hydro.board.trendRain', { v: f.trend.toFixed(1) });
    const v = `${Math.abs(f.trend).toFixed(2)} m/h`;
    return f.trend >= 0 ? t('hydro.board.trendUp', { v }) : t('hydro.board.trendDown', { v });
  };
  return (
    <section
      className="side-board firing-board"
      data-testid="firing-board"
      aria-label={t('hydro.board.title')}
    >
      <h2>
        {t('hydro.board.title')}{' '}
        <span className="count">
          {t('hydro.board.count', {
            stations: rows.length,
            firings: firings.data?.entities.length ?? 0,
          })}
        </span>
      </h2>
      {refusal && <p role="alert">{refusal}</p>}
      <ol>
        {rows.map(({ station, loudest: f, firings: all, villages, unacknowledged }) => {
          const others = [...new Set(all.slice(1).map((x) => x.ruleName))].filter(
            (n) => n !== f.ruleName,
          );
          return (
            <li
              key={station}
              className={station === selectedStation ? 'selected' : undefined}
              data-level={f.level}
            >
              <button type="button" className="row" onClick={() => onSelect(station, f.position)}>
                <span className={`firing-level level-${f.level}`}>{f.ruleName}</span>
                <span className="what">
                  <strong>
                    {f.stationName}{' '}
                    <span className="value" data-testid="firing-value">
                      {f.windowH ? `${t('hydro.board.window', { h: f.windowH })} ` : ''}
                      {f.value}
                      {f.unit} / {f.threshold}
                      {f.unit}
                    </span>
                  </strong>
                  <span>
                    {[
                      t('hydro.board.since', { time: hhmmCst(f.openedAt) }),
                      trend(f),
                      villages > 0 ? t('hydro.board.villages', { count: villages }) : null,
                      all.some((x) => x.warning) ? t('hydro.board.warned') : null,
                      unacknowledged.length === 0
                        ? t('hydro.board.acknowledged', { by: f.acknowledgedBy ?? '' })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {others.length > 0 && <span className="others">{others.join('、')}</span>}
                </span>
              </button>
              {canCommand && unacknowledged.length > 0 && (
                <button
                  type="button"
                  className="ack"
                  onClick={() => void acknowledge(unacknowledged)}
                >
                  {t('hydro.board.acknowledge')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
