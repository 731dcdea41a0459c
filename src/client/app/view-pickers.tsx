import { useTranslation } from 'react-i18next';
import { BasemapPicker } from '../features/basemap/basemap-picker.tsx';
import type { BasemapState } from '../features/basemap/use-basemap.ts';
import { WallSceneControl } from '../features/wall-control/wall-control.tsx';
import { nameIn, useScenarios } from '../data/scenarios.ts';
import { setLanguage, type Language } from '../i18n/index.ts';
import { useView } from '../state/view-context.tsx';

/** The top bar's choices of what to look at: scenario, theme, wall scene, basemap, language. */
export function ViewPickers({ basemap }: { basemap: BasemapState }) {
  const { t, i18n } = useTranslation();
  const { view, dispatch } = useView();
  // Every jurisdiction the gateway serves, named as its manifest names it.
  const scenarios = useScenarios() ?? [];
  return (
    <>
      <label>
        <span>{t('scenario.label')}</span>
        <select
          value={view.scenario}
          onChange={(e) => dispatch({ type: 'scenario', scenario: e.target.value })}
        >
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {nameIn(s, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('theme.label')}</span>
        <select
          value={view.theme}
          onChange={(e) =>
            dispatch({ type: 'theme', theme: e.target.value === 'light' ? 'light' : 'dark' })
          }
        >
          <option value="dark">{t('theme.dark')}</option>
          <option value="light">{t('theme.light')}</option>
        </select>
      </label>
      <WallSceneControl scenario={view.scenario} />
      <BasemapPicker state={basemap} onPick={(id) => dispatch({ type: 'basemap', basemap: id })} />
      <label>
        <span>{t('language.label')}</span>
        <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="zh-CN">{t('language.zh')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
      </label>
    </>
  );
}
