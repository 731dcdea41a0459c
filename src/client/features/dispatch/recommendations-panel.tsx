import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EquipmentItem, ScenarioId, TeamSuggestion } from '../../../shared/protocol/index.ts';
import { useState } from 'react';
import { fetchRecommendations } from '../../api/read-api.ts';
import { canCommand, useSession } from '../../api/session.ts';
import { sendCommand } from '../../live/commands.ts';

export function recommendationsQuery(scenario: ScenarioId, incidentId: string, version: string) {
  return {
    // The incident's status and time are in the key: a change re-ranks.
    queryKey: ['recommendations', scenario, incidentId, version],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchRecommendations(scenario, incidentId, signal),
    staleTime: 30_000,
  };
}

/** "12 min · water rescue · 2 assault boats from 马寨 depot, +4 min" */
function useExplain() {
  const { t } = useTranslation();
  const items = (inv: Partial<Record<EquipmentItem, number>>) =>
    Object.entries(inv)
      .map(([item, n]) => t('dispatch.item', { n, item: t(`enums.equipment.${item}`) }))
      .join(t('dispatch.and'));
  const minutes = (s: number) => Math.max(1, Math.round(s / 60));
  return (s: TeamSuggestion): string[] => {
    const parts = [
      t('dispatch.eta', { n: minutes(s.etaS) }),
      s.skills.map((k) => t(`enums.teamSkill.${k}`)).join('、'),
    ];
    if (s.pickup)
      parts.push(
        t('dispatch.pickup', {
          items: items(s.pickup.items),
          depot: s.pickup.depotName,
          n: minutes(s.pickup.extraS),
        }),
      );
    if (Object.keys(s.missing.items).length > 0)
      parts.push(t('dispatch.missing', { items: items(s.missing.items) }));
    if (s.missing.members > 0) parts.push(t('dispatch.short', { n: s.missing.members }));
    return parts.filter(Boolean);
  };
}

/** The right teams for the selected incident, each explained; routes are previewed on the map. */
export function RecommendationsPanel({
  scenario,
  incidentId,
  version,
}: {
  scenario: ScenarioId;
  incidentId: string;
  version: string;
}) {
  const { t } = useTranslation();
  const explain = useExplain();
  const q = useQuery(recommendationsQuery(scenario, incidentId, version));
  const allowed = canCommand(useSession());
  const [sending, setSending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async (s: TeamSuggestion) => {
    setSending(s.teamId);
    const r = await sendCommand('incident:dispatch', {
      scenario,
      id: incidentId,
      teamIds: [s.teamId],
    });
    setSending(null);
    setOutcome(
      r.ok
        ? { ok: true, text: `${s.teamName}：${t('dispatch.sent')}` }
        : { ok: false, text: t('dispatch.refused', { message: r.error }) },
    );
  };
  return (
    <section className="recommendations" data-testid="recommendations" aria-live="polite">
      <h3>{t('dispatch.title')}</h3>
      {q.isPending && <p>{t('layers.loading')}</p>}
      {q.isError && <p role="alert">{t('dispatch.error', { message: q.error.message })}</p>}
      {q.data?.suggestions.length === 0 && <p>{t('dispatch.none')}</p>}
      <ol>
        {q.data?.suggestions.map((s) => (
          <li key={s.teamId} className={s === q.data.suggestions[0] ? 'best' : undefined}>
            <strong>
              {s.teamName}
              <span className="members">{t('dispatch.members', { n: s.members })}</span>
            </strong>
            <span>{explain(s).join(' · ')}</span>
            {allowed && (
              <button
                type="button"
                className="dispatch"
                disabled={sending !== null}
                onClick={() => void send(s)}
              >
                {t('dispatch.send')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'sent' : 'refused'}>
          {outcome.text}
        </p>
      )}
      {q.data && q.data.suggestions.length > 0 && !allowed && (
        <p className="hint">{t('dispatch.signInToSend')}</p>
      )}
      {q.data && q.data.suggestions.length > 0 && <p className="hint">{t('dispatch.hint')}</p>}
    </section>
  );
}
