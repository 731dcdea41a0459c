import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../shared/protocol/index.ts';
import { scenariosQuery } from '../data/scenarios.ts';
import { GateScreen } from './gate-screen.tsx';

/**
 * The console opens once it knows which jurisdictions the gateway serves: they are data (the
 * gateway's data directory), so the default one and the picker's list come from there, never
 * from the code. Until then it says it is connecting; if the gateway cannot say, why.
 */
export function ScenariosGate({ children }: { children: (list: ScenarioMeta[]) => ReactNode }) {
  const { t } = useTranslation();
  const q = useQuery(scenariosQuery);
  if (q.data && q.data.length > 0) return children(q.data);
  const message = q.error
    ? t('app.jurisdictionsFailed', { reason: q.error.message })
    : q.data
      ? t('app.noJurisdictions')
      : t('app.connecting');
  return (
    <GateScreen>
      <div className="gate-message" role={q.error ? 'alert' : 'status'}>
        <p>{message}</p>
        {(q.error ?? q.data) && (
          <button type="button" onClick={() => void q.refetch()}>
            {t('app.retry')}
          </button>
        )}
      </div>
    </GateScreen>
  );
}
