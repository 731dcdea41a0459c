import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_NEXT,
  type IncidentStatus,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { canCommand, useSession } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';

/** Moves the selected incident along its lifecycle; closing and reopening ask for a reason. */
export function IncidentActions({ scenario, id }: { scenario: ScenarioId; id: string }) {
  const { t } = useTranslation();
  const allowed = canCommand(useSession());
  const incident = useCollection(scenario, 'incidents').data?.byKey.get(id);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  if (!allowed || !incident) return null;
  const needsReason = (to: IncidentStatus) => to === 'closed' || incident.status === 'closed';
  const go = async (to: IncidentStatus) => {
    const r = await sendCommand('incident:transition', {
      scenario,
      id,
      to,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setOutcome(
      r.ok
        ? { ok: true, text: t('actions.done', { status: t(`enums.incidentStatus.${to}`) }) }
        : { ok: false, text: t('actions.refused', { message: r.error }) },
    );
    if (r.ok) setReason('');
  };
  const next = INCIDENT_NEXT[incident.status];
  return (
    <section className="incident-actions" data-testid="incident-actions">
      <h3>{t('actions.title')}</h3>
      {next.some(needsReason) && (
        <label>
          <span>{t('actions.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
        </label>
      )}
      <div className="buttons">
        {next.map((to) => (
          <button
            key={to}
            type="button"
            data-to={to}
            disabled={needsReason(to) && reason.trim().length < 2}
            onClick={() => void go(to)}
          >
            {to === 'confirmed' && incident.status === 'closed'
              ? t('actions.reopen')
              : t(`actions.to.${to}`)}
          </button>
        ))}
      </div>
      {outcome && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </section>
  );
}
