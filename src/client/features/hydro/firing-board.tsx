import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Firing, FiringLevel, LonLat, ScenarioId } from '../../../shared/protocol/index.ts';
import { useCanCommand } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';
import './hydro.css';

const RANK: Record<FiringLevel, number> = { red: 0, orange: 1, yellow: 2, blue: 3, info: 4 };

/** Loudest first; within a level, the newest first (the one that just crossed). */
export function firingOrder(a: Firing, b: Firing): number {
  return RANK[a.level] - RANK[b.level] || b.openedAt.localeCompare(a.openedAt);
}

const hhmm = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

/**
 * The duty officer's list of 水雨情 rule firings still open: the station, the value against its
 * threshold, which way it is going, the villages it threatens and whether a warning went out.
 * A row shows the station on the map; a duty officer acknowledges it (the alarm stops ringing
 * for it on every console). Hidden while nothing is open.
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
  const rows = useMemo(() => [...(firings.data?.entities ?? [])].sort(firingOrder), [firings.data]);
  if (rows.length === 0) return null;
  const acknowledge = async (f: Firing) => {
    const r = await sendCommand('firing:acknowledge', { scenario, id: f.id });
    setRefusal(r.ok ? null : r.error);
  };
  const trend = (f: Firing) => {
    if (f.trend === null) return null;
    if (f.unit === 'mm') return t('hydro.board.trendRain', { v: f.trend.toFixed(1) });
    const v = `${Math.abs(f.trend).toFixed(2)} m/h`;
    return f.trend >= 0 ? t('hydro.board.trendUp', { v }) : t('hydro.board.trendDown', { v });
  };
  return (
    <section
      className="firing-board"
      data-testid="firing-board"
      aria-label={t('hydro.board.title')}
    >
      <h2>
        {t('hydro.board.title')} <span className="count">{rows.length}</span>
      </h2>
      {refusal && <p role="alert">{refusal}</p>}
      <ol>
        {rows.map((f) => (
          <li
            key={f.id}
            className={f.station === selectedStation ? 'selected' : undefined}
            data-level={f.level}
          >
            <button type="button" className="row" onClick={() => onSelect(f.station, f.position)}>
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
                    t('hydro.board.since', { time: hhmm(f.openedAt) }),
                    trend(f),
                    f.villages.length > 0
                      ? t('hydro.board.villages', { count: f.villages.length })
                      : null,
                    f.warning ? t('hydro.board.warned') : null,
                    f.acknowledgedAt
                      ? t('hydro.board.acknowledged', { by: f.acknowledgedBy ?? '' })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
            </button>
            {canCommand && !f.acknowledgedAt && (
              <button type="button" className="ack" onClick={() => void acknowledge(f)}>
                {t('hydro.board.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
