import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HAZARD_NEXT, type HazardStatus, type ScenarioId } from '../../../shared/protocol/index.ts';
import { dateCst } from '../../../shared/time.ts';
import { canCommand, useSession } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';

/**
 * Moves the selected hidden hazard along its lifecycle: assigning rectification asks for a
 * deadline, closing a report as false for a reason.
 */
export function HazardActions({ scenario, id }: { scenario: ScenarioId; id: string }) {
  const { t } = useTranslation();
  const allowed = canCommand(useSession());
  const hazard = useCollection(scenario, 'open-hazards').data?.byKey.get(id);
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState(() => dateCst(Date.now() + 30 * 86_400_000));
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  if (!allowed || !hazard) return null;
  const next = HAZARD_NEXT[hazard.status];
  const falseReport = (to: HazardStatus) => hazard.status === 'reported' && to === 'closed';
  const go = async (to: HazardStatus) => {
    const r = await sendCommand('hazard:transition', {
      scenario,
      id,
      to,
      ...(to === 'rectification_assigned' ? { deadline } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setOutcome(
      r.ok
        ? { ok: true, text: t('actions.done', { status: t(`enums.hazardStatus.${to}`) }) }
        : { ok: false, text: t('actions.refused', { message: r.error }) },
    );
    if (r.ok) setReason('');
  };
  return (
    <section className="incident-actions" data-testid="hazard-actions">
      <h3>{t('hazards.actions')}</h3>
      {next.includes('rectification_assigned') && (
        <label>
          <span>{t('hazards.deadline')}</span>
          <input
            type="date"
            name="deadline"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        </label>
      )}
      {next.some(falseReport) && (
        <label>
          <span>{t('hazards.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
        </label>
      )}
      <div className="buttons">
        {next.map((to) => (
          <button
            key={to}
            type="button"
            data-to={to}
            disabled={falseReport(to) && reason.trim().length < 2}
            onClick={() => void go(to)}
          >
            {falseReport(to) ? t('hazards.falseReport') : t(`hazards.to.${to}`)}
          </button>
        ))}
      </div>
      {outcome && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </section>
  );
}
