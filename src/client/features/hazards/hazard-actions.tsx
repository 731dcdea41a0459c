import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HAZARD_NEXT, type HazardStatus, type ScenarioId } from '../../../shared/protocol/index.ts';
import { dateCst } from '../../../shared/time.ts';
import { useCanCommand } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';
import { TransitionForm } from '../../ui/transition-form.tsx';

/**
 * Moves the selected hidden hazard along its lifecycle: assigning rectification asks for a
 * deadline, closing a report as false for a reason.
 */
export function HazardActions({ scenario, id }: { scenario: ScenarioId; id: string }) {
  const { t } = useTranslation();
  const allowed = useCanCommand();
  const hazard = useCollection(scenario, 'open-hazards').data?.byKey.get(id);
  const [deadline, setDeadline] = useState(() => dateCst(Date.now() + 30 * 86_400_000));
  if (!allowed || !hazard) return null;
  const next = HAZARD_NEXT[hazard.status];
  const falseReport = (to: HazardStatus) => hazard.status === 'reported' && to === 'closed';
  return (
    <section className="incident-actions" data-testid="hazard-actions">
      <h3>{t('hazards.actions')}</h3>
      <TransitionForm<HazardStatus>
        next={next}
        needsReason={falseReport}
        reasonLabel={t('hazards.reason')}
        label={(to) => (falseReport(to) ? t('hazards.falseReport') : t(`hazards.to.${to}`))}
        statusName={(to) => t(`enums.hazardStatus.${to}`)}
        send={(to, reason) =>
          sendCommand('hazard:transition', {
            scenario,
            id,
            to,
            ...(to === 'rectification_assigned' ? { deadline } : {}),
            ...(reason ? { reason } : {}),
          })
        }
      >
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
      </TransitionForm>
    </section>
  );
}
