import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../shared/protocol/index.ts';

/** Where every number on the screen comes from: real outlines, synthetic everything else. */
export function AboutDialog({
  meta,
  onClose,
}: {
  meta: ScenarioMeta | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="about-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="about-title">{t('about.title')}</h2>
        <p className="notice">{t('about.synthetic')}</p>
        <p>{t('about.basemap')}</p>
        {meta && (
          <>
            <ul className="sources">
              {meta.sources.map((s) => (
                <li key={s.what}>
                  <span className={s.real ? 'tag real' : 'tag synthetic'}>
                    {s.real ? t('about.real') : t('about.generated')}
                  </span>
                  <strong>{s.what}</strong> — {s.source}
                </li>
              ))}
            </ul>
            <h3>{t('about.counts')}</h3>
            <dl className="counts">
              {Object.entries(meta.counts).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{format.format(v)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <button type="button" onClick={onClose} autoFocus>
          {t('about.close')}
        </button>
      </div>
    </div>
  );
}
