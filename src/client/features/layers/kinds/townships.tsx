import { useQuery } from '@tanstack/react-query';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminArea } from '../../../../shared/protocol/index.ts';
import { reportStatsQuery, useCollection } from '../../../data/collections.ts';
import type { Theme } from '../../../map/base-style.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { useView } from '../../../state/view-context.tsx';
import { MEASURES, type Measure } from '../../../state/view-state.ts';
import { quantileBreaks } from '../filtered.ts';
import { defineLayer } from '../layer-spec.ts';
import { CHOROPLETH } from '../palette.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    townships: true;
  }
}

/** Townships coloured by a measure: `value` on each feature, classes from `breaks`. */
function choroplethGroup(
  data: FeatureCollection,
  breaks: number[],
  theme: Theme,
  opacity: number,
): LayerGroup {
  const ramp = CHOROPLETH[theme];
  const steps: (string | number)[] = [ramp[0] ?? '#000'];
  breaks.forEach((b, i) => steps.push(b, ramp[Math.min(i + 1, ramp.length - 1)] ?? '#000'));
  return {
    id: 'choropleth',
    data,
    beforeId: 'townships-line',
    pickable: ['choropleth-fill'],
    layers: [
      {
        id: 'choropleth-fill',
        type: 'fill',
        paint: {
          'fill-color': ['step', ['get', 'value'], ...steps] as unknown as ExpressionSpecification,
          'fill-opacity': 0.75 * opacity,
        },
      },
    ],
  };
}

/** The measure picker and its colour ramp, with each class's lower bound on hover. */
function MeasureControls({ breaks }: { breaks: readonly number[] | null }) {
  const { t, i18n } = useTranslation();
  const { view, dispatch } = useView();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <label className="field">
        <span>{t('layers.measure')}</span>
        <select
          value={view.measure}
          onChange={(e) => dispatch({ type: 'measure', measure: e.target.value as Measure })}
        >
          {MEASURES.map((m) => (
            <option key={m} value={m}>
              {t(`measure.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {breaks && (
        <div className="ramp">
          {CHOROPLETH[view.theme].map((c, i) => (
            <span
              key={c}
              style={{ background: c }}
              title={i === 0 ? '' : format.format(Math.round(breaks[i - 1] ?? 0))}
            />
          ))}
        </div>
      )}
    </>
  );
}

export const townships = defineLayer({
  id: 'townships',
  name: { 'zh-CN': '乡镇（街道）', en: 'Townships' },
  defaultOn: true,
  picks: { 'choropleth-fill': 'area' },
  useBuild({ view, choice, theme, townships }) {
    const { scenario, measure } = view;
    const counting = choice.on && (measure === 'riskPoints' || measure === 'openIncidents');
    const risk = useCollection(scenario, 'risk-points', counting);
    const incidents = useCollection(scenario, 'incidents', counting);
    const reportStats = useQuery({
      ...reportStatsQuery(scenario),
      enabled: choice.on && measure === 'settlementRate',
    });
    const choropleth = useMemo(() => {
      if (!townships || measure === 'none') return null;
      const byTownship = new Map<string, number>();
      const bump = (code: string | null) => {
        if (code) byTownship.set(code, (byTownship.get(code) ?? 0) + 1);
      };
      if (measure === 'riskPoints') for (const r of risk.data?.entities ?? []) bump(r.townshipCode);
      if (measure === 'openIncidents') {
        for (const i of incidents.data?.entities ?? [])
          if (i.status !== 'resolved' && i.status !== 'closed') bump(i.townshipCode);
      }
      const value = (a: AdminArea): number => {
        switch (measure) {
          case 'population':
            return a.population;
          case 'settlementRate': {
            const s = reportStats.data?.get(a.code);
            return s && s.total > 0 ? (s.settled / s.total) * 100 : 0;
          }
          default:
            return byTownship.get(a.code) ?? 0;
        }
      };
      const features = townships.features.map((f) => ({
        ...f,
        properties: { ...f.properties, value: value(f.properties as AdminArea) },
      }));
      const breaks = quantileBreaks(features.map((f) => f.properties.value));
      return { fc: { type: 'FeatureCollection' as const, features }, breaks };
    }, [townships, measure, risk.data, incidents.data, reportStats.data]);
    const groups = useMemo(
      () =>
        choice.on && choropleth
          ? [choroplethGroup(choropleth.fc, choropleth.breaks, theme, choice.opacity)]
          : [],
      [choice.on, choice.opacity, choropleth, theme],
    );
    const n = townships?.features.length ?? 0;
    return {
      groups,
      count: { shown: n, total: n },
      error: reportStats.error,
      controls: <MeasureControls breaks={choropleth?.breaks ?? null} />,
    };
  },
});
