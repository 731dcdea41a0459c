import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What stands before the console opens (sign in first, connecting): the brand and one thing. */
export function GateScreen({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app theme-dark">
      <header className="top-bar">
        <h1>
          <span className="brand">{t('app.title')}</span>
        </h1>
      </header>
      {children}
    </div>
  );
}
