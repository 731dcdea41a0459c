import { useTranslation } from 'react-i18next';
import { useView } from '../../state/view-context.tsx';
import { LAYERS } from './registry.ts';
import type { LayersOutput } from './use-layers.ts';

/** Layer toggles, counts, legends, filters and opacity; the choices live in the view state. */
export function LayerPanel({ output }: { output: LayersOutput }) {
  const { t, i18n } = useTranslation();
  const { view, dispatch } = useView();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <section className="layer-panel" aria-label={t('layers.title')}>
      <h2>{t('layers.title')}</h2>
      {[...LAYERS].reverse().map(({ id, legend, hint, filters }) => {
        const choice = view.layers[id];
        const count = output.counts[id];
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
                  {legend.overdue && (
                    <li>
                      <span className="swatch ring" />
                      {t('layers.overdue')}
                    </li>
                  )}
                  {legend.clusters && (
                    <li>
                      <span
                        className="swatch cluster"
                        style={{ borderColor: legend.clusters.ring }}
                      />
                      {t('layers.cluster')}
                    </li>
                  )}
                </ul>
              )}
              {hint && <p className="hint">{t(`layers.${hint}`)}</p>}
              {output.controls[id]}
              {filters?.map((f) => {
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
