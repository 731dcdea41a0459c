import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import { useCollection } from '../../data/collections.ts';
import { useStationSeries } from '../../data/station-readings.ts';
import { useView } from '../../state/view-context.tsx';
import { stationChartOption, type ChartWords } from './chart-option.ts';

const HOURS = [24, 72] as const;

/**
 * A station's hydrograph or hyetograph for the last 24 or 72 hours, with its characteristic
 * levels and the rule firings marked (Apache ECharts, loaded when a chart is first opened).
 */
export function StationChart({ scenario, id }: { scenario: ScenarioId; id: string }) {
  const { t } = useTranslation();
  const { view } = useView();
  const [hours, setHours] = useState<(typeof HOURS)[number]>(24);
  const station = useCollection(scenario, 'stations').data?.byKey.get(id);
  const series = useStationSeries(scenario, id, hours);
  const box = useRef<HTMLDivElement | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = box.current;
    const data = series.data;
    if (!el || !station || !data) return;
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const words: ChartWords = {
      rain: t('hydro.chart.rain'),
      cumulative: t('hydro.chart.cumulative'),
      level: t('hydro.chart.level'),
      depth: t('hydro.chart.depth'),
      lines: {
        warning: t('hydro.chart.warning'),
        guarantee: t('hydro.chart.guarantee'),
        floodLimit: t('hydro.chart.floodLimit'),
        design: t('hydro.chart.design'),
        depthAlarm: t('hydro.chart.depthAlarm'),
      },
    };
    const ink =
      view.theme === 'light'
        ? { text: '#1e293b', grid: '#cbd5e1' }
        : { text: '#e2e8f0', grid: '#334155' };
    void import('./echarts-svg.ts').then(({ echarts }) => {
      if (disposed) return;
      const c = echarts.init(el, null, { renderer: 'svg' });
      chart = c;
      const option = stationChartOption(
        station,
        data.observations,
        data.firings,
        Date.parse(data.since),
        Date.now(),
        words,
        ink,
      );
      c.setOption(option as Parameters<typeof c.setOption>[0]);
      setDrawn(true);
    });
    const onResize = () => chart?.resize();
    window.addEventListener('resize', onResize);
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [series.data, station, t, view.theme]);

  if (!station) return null;
  const empty = series.data && series.data.observations.length === 0;
  return (
    <section className="station-chart" data-testid="station-chart" data-drawn={drawn || undefined}>
      <h3>{t('hydro.chart.title')}</h3>
      <div className="chart-hours" role="group">
        {HOURS.map((h) => (
          <button key={h} type="button" aria-pressed={h === hours} onClick={() => setHours(h)}>
            {t('hydro.chart.hours', { h })}
          </button>
        ))}
      </div>
      {series.isPending && <p>{t('hydro.chart.loading')}</p>}
      {series.error && (
        <p role="alert">{t('hydro.chart.failed', { error: series.error.message })}</p>
      )}
      {empty && <p className="empty">{t('hydro.chart.empty')}</p>}
      <div className="chart" ref={box} hidden={!!empty} />
    </section>
  );
}
