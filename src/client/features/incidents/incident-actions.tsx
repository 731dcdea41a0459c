import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_NEXT,
  type IncidentStatus,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { useCanCommand } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';
import { TransitionForm } from '../../ui/transition-form.tsx';

/**
 * Moves the selected incident along its lifecycle; closing and reopening ask for a reason.
 * `more` holds what other features add (the shell passes the wall's focus button).
 */
export function IncidentActions({
  scenario,
  id,
  more,
}: {
  scenario: ScenarioId;
  id: string;
  more?: ReactNode;
}) {
  const { t } = useTranslation();
  const allowed = useCanCommand();
  const incident = useCollection(scenario, 'incidents').data?.byKey.get(id);
  if (!allowed || !incident) return null;
  const reopening = incident.status === 'closed';
  return (
    <section className="incident-actions" data-testid="incident-actions">
      <h3>{t('actions.title')}</h3>
      <TransitionForm<IncidentStatus>
        next={INCIDENT_NEXT[incident.status]}
        needsReason={(to) => to === 'closed' || reopening}
        reasonLabel={t('actions.reason')}
        label={(to) =>
          to === 'confirmed' && reopening ? t('actions.reopen') : t(`actions.to.${to}`)
        }
        statusName={(to) => t(`enums.incidentStatus.${to}`)}
        send={(to, reason) =>
          sendCommand('incident:transition', { scenario, id, to, ...(reason ? { reason } : {}) })
        }
      />
      {more}
    </section>
  );
}
