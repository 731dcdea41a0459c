import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { hydroRanking } from '../../../shared/hydro/station-state.ts';
import type { LonLat, ScenarioId } from '../../../shared/protocol/index.ts';
import { useCollection } from '../../data/collections.ts';
import { useStationReadings } from '../../data/station-readings.ts';
import { useClock } from '../../state/use-today.ts';

/**
 * 水雨情摘要: the gauges with the most rain in the last hour, the stations nearest (or over)
 * their warning mark, and each township's mean rain over the day — what a briefing opens with.
 * A row shows its station on the map. Folded until opened; hidden without stations.
 */
export function HydroSummary({
  scenario,
  townships,
  onSelect,
}: {
  scenario: ScenarioId;
  townships: ReadonlyMap<string, string>;
  onSelect: (station: string, position: LonLat) => void;
}) {
  const { t } = useTranslation();
  const stations = useCollection(scenario, 'stations').data?.entities;
  const readings = useStationReadings(scenario, (stations?.length ?? 0) > 0).data;
  const now = useClock(true, 60_000) + (readings?.skewMs ?? 0);
  const ranking = useMemo(
    () => (stations && readings ? hydroRanking(stations, readings.byStation, now, 8) : null),
    [stations, readings, now],
  );
  if (!ranking || (ranking.rain.length === 0 && ranking.margin.length === 0)) return null;
  const row = (id: string, position: LonLat, name: string, figure: string) => (
    <li key={id}>
      <button type="button" onClick={() => onSelect(id, position)}>
        <span>{name}</span>
        <strong>{figure}</strong>
      </button>
    </li>
  );
  return (
    <details className="hydro-summary" data-testid="hydro-summary">
      <summary>{t('hydro.summary.title')}</summary>
      <h3>{t('hydro.summary.rain')}</h3>
      <ol>
        {ranking.rain.map((r) =>
          row(
            r.station.id,
            r.station.position,
            r.station.name,
            `${r.rain1h.toFixed(1)} / ${r.rain24h.toFixed(1)} mm`,
          ),
        )}
      </ol>
      <h3>{t('hydro.summary.margin')}</h3>
      <ol>
        {ranking.margin.map((m) =>
          row(
            m.station.id,
            m.station.position,
            m.station.name,
            `${m.margin >= 0 ? '+' : ''}${m.margin.toFixed(2)} m`,
          ),
        )}
      </ol>
      <h3>{t('hydro.summary.townships')}</h3>
      <ol className="townships">
        {ranking.townships.slice(0, 8).map((x) => (
          <li key={x.townshipCode}>
            <span>{townships.get(x.townshipCode) ?? x.townshipCode}</span>
            <meter
              min={0}
              max={Math.max(100, ranking.townships[0]?.rain24h ?? 0)}
              value={x.rain24h}
            />
            <strong>{x.rain24h.toFixed(1)} mm</strong>
          </li>
        ))}
      </ol>
    </details>
  );
}
