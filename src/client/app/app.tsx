import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import { useBaseLayers } from '../features/boundaries/use-base-layers.ts';
import { AboutDialog } from '../features/scenario/about-dialog.tsx';
import { useScenarioMeta } from '../features/scenario/api.ts';
import { setLanguage, type Language } from '../i18n/index.ts';
import { MapView } from '../map/map-view.tsx';
import { readUrlState, writeUrlState } from './url-state.ts';

const SCENARIOS: ScenarioId[] = ['erqi', 'kaifeng'];

export function App() {
  const { t, i18n } = useTranslation();
  const initial = useMemo(() => readUrlState(window.location.search), []);
  const [scenario, setScenario] = useState<ScenarioId>(initial.scenario);
  const [aboutOpen, setAboutOpen] = useState(false);
  const theme = 'dark';
  const meta = useScenarioMeta(scenario);
  const base = useBaseLayers(scenario, theme);
  const format = new Intl.NumberFormat(i18n.language);

  const chooseScenario = (id: ScenarioId) => {
    setScenario(id);
    writeUrlState({ scenario: id });
  };

  return (
    <div className={`app theme-${theme}`}>
      <header className="top-bar">
        <h1>
          <span className="brand">{t('app.title')}</span>
          <span className="subtitle">{t(`scenario.${scenario}`)}</span>
        </h1>
        <div className="controls">
          <label>
            <span>{t('scenario.label')}</span>
            <select value={scenario} onChange={(e) => chooseScenario(e.target.value as ScenarioId)}>
              {SCENARIOS.map((id) => (
                <option key={id} value={id}>
                  {t(`scenario.${id}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('language.label')}</span>
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
              <option value="zh-CN">{t('language.zh')}</option>
              <option value="en">{t('language.en')}</option>
            </select>
          </label>
          <button type="button" onClick={() => setAboutOpen(true)}>
            {t('about.button')}
          </button>
        </div>
      </header>
      <main className="map-area">
        <MapView theme={theme} groups={base.groups} fitTo={meta?.bbox ?? null} />
        {base.data && (
          <aside className="summary" data-testid="summary">
            <div>{t('stats.townships', { count: base.data.townships.features.length })}</div>
            <div>{t('stats.villages', { count: base.data.villages.features.length })}</div>
            <div>
              {t('stats.population', {
                value: format.format(
                  base.data.counties.features.reduce(
                    (s, f) => s + Number(f.properties?.population ?? 0),
                    0,
                  ),
                ),
              })}
            </div>
          </aside>
        )}
        {base.loading && <div className="banner">{t('app.loading')}</div>}
        {base.error && (
          <div className="banner error" role="alert">
            {t('app.loadFailed', { reason: base.error.message })}
            <button type="button" onClick={base.retry}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {initial.problems.map((p) => (
          <div key={p} className="banner warn" role="status">
            {t('app.badParam', { reason: p })}
          </div>
        ))}
        <div className="synthetic-badge">{t('about.generated')}</div>
      </main>
      {aboutOpen && <AboutDialog meta={meta} onClose={() => setAboutOpen(false)} />}
    </div>
  );
}
