import { useTranslation } from 'react-i18next';
import { dateCst } from '../../../shared/time.ts';
import { useView } from '../../state/view-context.tsx';
import { LAYER_IDS, MEASURES, type Measure } from '../../state/view-state.ts';
import { FILTERS } from './layer-defs.ts';
import { CHOROPLETH } from './palette.ts';
import { CLUSTER_RING, LEGEND } from './legend.ts';
import type { LayersOutput } from './use-layers.ts';

const DAY = 86_400_000;

/** Layer toggles, counts, legends, filters and opacity; the choices live in the view state. */
export function LayerPanel({ output }: { output: LayersOutput }) {
  const { t, i18n } = useTranslation();
  const { view, dispatch } = useView();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <section className="layer-panel" aria-label={t('layers.title')}>
      <h2>{t('layers.title')}</h2>
      {[...LAYER_IDS].reverse().map((id) => {
        const choice = view.layers[id];
        const count = output.counts[id];
        const legend = LEGEND[id];
        const locked = output.locked.includes(id);
        return (
          <details key={id} className="layer-row" data-layer={id}>
            <summary>
              <label onClick={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  checked={choice.on && !locked}
                  disabled={locked}
                  onChange={(e) => dispatch({ type: 'toggle', layer: id, on: e.target.checked })}
                />
                <span className="layer-name">{t(`layers.${id}`)}</span>
              </label>
              <span className="layer-count" data-testid={`count-${id}`}>
                {locked
                  ? t('layers.signInToSee')
                  : output.loading.includes(id)
                    ? t('layers.loading')
                    : count && choice.on
                      ? t('layers.count', {
                          shown: format.format(count.shown),
                          total: format.format(count.total),
                        })
                      : ''}
              </span>
            </summary>
            <div className="layer-body">
              {legend && (
                <ul className="legend">
                  {Object.entries(legend.colours).map(([value, colour]) => (
                    <li key={value}>
                      <span className="swatch" style={{ background: colour }} />
                      {t(`enums.${legend.enumKey}.${value}`)}
                    </li>
                  ))}
                  {id === 'risk-points' && (
                    <li>
                      <span className="swatch ring" />
                      {t('layers.overdue')}
                    </li>
                  )}
                  {(id === 'risk-points' || id === 'shelters' || id === 'cameras') && (
                    <li>
                      <span className="swatch cluster" style={{ borderColor: CLUSTER_RING[id] }} />
                      {t('layers.cluster')}
                    </li>
                  )}
                </ul>
              )}
              {(id === 'grid-members' || id === 'teams') && (
                <p className="hint">{t('layers.aggregated')}</p>
              )}
              {id === 'townships' && (
                <>
                  <label className="field">
                    <span>{t('layers.measure')}</span>
                    <select
                      value={view.measure}
                      onChange={(e) =>
                        dispatch({ type: 'measure', measure: e.target.value as Measure })
                      }
                    >
                      {MEASURES.map((m) => (
                        <option key={m} value={m}>
                          {t(`measure.${m}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {output.choropleth && (
                    <div className="ramp">
                      {CHOROPLETH[view.theme].map((c, i) => (
                        <span
                          key={c}
                          style={{ background: c }}
                          title={
                            i === 0
                              ? ''
                              : format.format(Math.round(output.choropleth?.breaks[i - 1] ?? 0))
                          }
                        />
                      ))}
                    </div>
                  )}
                </>
              )}
              {id === 'hazard-reports' && output.reports && (
                <div className="time-range">
                  <span>{t('layers.timeRange')}</span>
                  <input
                    type="date"
                    aria-label={t('layers.from')}
                    value={dateCst(view.timeRange?.[0] ?? output.reports.first)}
                    onChange={(e) => {
                      const from = Date.parse(`${e.target.value}T00:00:00+08:00`);
                      if (Number.isFinite(from))
                        dispatch({
                          type: 'timeRange',
                          range: [from, view.timeRange?.[1] ?? output.reports?.last ?? from],
                        });
                    }}
                  />
                  <input
                    type="date"
                    aria-label={t('layers.to')}
                    value={dateCst(view.timeRange?.[1] ?? output.reports.last)}
                    onChange={(e) => {
                      const to = Date.parse(`${e.target.value}T00:00:00+08:00`) + DAY - 1;
                      if (Number.isFinite(to))
                        dispatch({
                          type: 'timeRange',
                          range: [view.timeRange?.[0] ?? output.reports?.first ?? to, to],
                        });
                    }}
                  />
                </div>
              )}
              {FILTERS[id]?.map((f) => {
                const chosen = choice.filters[f.field];
                return (
                  <fieldset key={f.field} className="filter">
                    <legend>{t(`fields.${f.field}`)}</legend>
                    {f.options.map((value) => (
                      <label key={value}>
                        <input
                          type="checkbox"
                          checked={!chosen || chosen.includes(value)}
                          onChange={(e) => {
                            const current = chosen ?? [...f.options];
                            const next = e.target.checked
                              ? [...current, value]
                              : current.filter((v) => v !== value);
                            dispatch({
                              type: 'filter',
                              layer: id,
                              field: f.field,
                              values: next.length === f.options.length ? null : next,
                            });
                          }}
                        />
                        {t(`enums.${f.enumKey}.${value}`)}
                      </label>
                    ))}
                  </fieldset>
                );
              })}
              <label className="field">
                <span>{t('layers.opacity')}</span>
                <input
                  type="range"
                  min={0}
                  max={1}
                  step={0.05}
                  value={choice.opacity}
                  onChange={(e) =>
                    dispatch({ type: 'opacity', layer: id, opacity: Number(e.target.value) })
                  }
                />
              </label>
            </div>
          </details>
        );
      })}
    </section>
  );
}
