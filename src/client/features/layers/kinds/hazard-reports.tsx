import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dateCst } from '../../../../shared/time.ts';
import { reportsQuery } from '../../../data/collections.ts';
import { useView } from '../../../state/view-context.tsx';
import { defineLayer } from '../layer-spec.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    'hazard-reports': true;
  }
}

const DAY = 86_400_000;

/** The first row at or after `t` (Unix ms) in rows sorted by time (Unix s). */
function lowerBound(time: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[mid] ?? 0) * 1000 < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two dates in China time bounding the reports shown, whole days included. */
function TimeWindow({ first, last }: { first: number; last: number }) {
  const { t } = useTranslation();
  const { view, dispatch } = useView();
  const [from, to] = view.timeRange ?? [first, last];
  return (
    <div className="time-range">
      <span>{t('layers.timeRange')}</span>
      <input
        type="date"
        aria-label={t('layers.from')}
        value={dateCst(from)}
        onChange={(e) => {
          const day = Date.parse(`${e.target.value}T00:00:00+08:00`);
          if (Number.isFinite(day)) dispatch({ type: 'timeRange', range: [day, to] });
        }}
      />
      <input
        type="date"
        aria-label={t('layers.to')}
        value={dateCst(to)}
        onChange={(e) => {
          const end = Date.parse(`${e.target.value}T00:00:00+08:00`) + DAY - 1;
          if (Number.isFinite(end)) dispatch({ type: 'timeRange', range: [from, end] });
        }}
      />
    </div>
  );
}

/** The 600,000-row report history as a heatmap, sliced by a time window. */
export const hazardReports = defineLayer({
  id: 'hazard-reports',
  name: { 'zh-CN': '历史事件上报热力', en: 'Report history (heat)' },
  useBuild({ view, choice }) {
    const reports = useQuery({ ...reportsQuery(view.scenario), enabled: choice.on });
    // deck's aggregation layers are a large module the first screen does not need.
    const heatmap = useQuery({
      queryKey: ['module', 'heatmap'],
      queryFn: () => import('../heatmap-layer.ts'),
      enabled: choice.on,
      staleTime: Infinity,
    });
    const slice = useMemo(() => {
      const r = reports.data;
      if (!r) return null;
      const time = r.reader.time;
      const first = (time[0] ?? 0) * 1000;
      const last = (time[time.length - 1] ?? 0) * 1000;
      const [from, to] = view.timeRange ?? [first, last];
      return {
        start: lowerBound(time, from),
        end: lowerBound(time, to + 1),
        first,
        last,
        total: time.length,
        positions: r.positions,
      };
    }, [reports.data, view.timeRange]);
    const deck = useMemo(
      () =>
        choice.on && slice && heatmap.data
          ? [heatmap.data.reportsHeatmap(slice.positions, slice.start, slice.end, choice.opacity)]
          : [],
      [choice.on, choice.opacity, slice, heatmap.data],
    );
    return {
      deck,
      ...(slice && { count: { shown: slice.end - slice.start, total: slice.total } }),
      fetching: reports.isFetching || heatmap.isFetching,
      error: reports.error,
      controls: slice && <TimeWindow first={slice.first} last={slice.last} />,
    };
  },
});
