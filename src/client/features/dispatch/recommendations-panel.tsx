import './dispatch.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EquipmentItem, ScenarioId, TeamSuggestion } from '../../../shared/protocol/index.ts';
import { useState } from 'react';
import { fetchRecommendations } from '../../api/read-api.ts';
import { useCanCommand } from '../../api/session.ts';
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

/**
 * The right teams for the selected incident, each explained. The duty officer picks one or
 * several; their routes light up on the map, and a preview lists what would be sent before the
 * command goes.
 */
export function RecommendationsPanel({
  scenario,
  incidentId,
  version,
  picked,
  onPicked,
}: {
  scenario: ScenarioId;
  incidentId: string;
  version: string;
  picked: ReadonlySet<string>;
  onPicked: (teams: ReadonlySet<string>) => void;
}) {
  const { t } = useTranslation();
  const explain = useExplain();
  const q = useQuery(recommendationsQuery(scenario, incidentId, version));
  const allowed = useCanCommand();
  const [previewing, setPreviewing] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = (q.data?.suggestions ?? []).filter((s) => picked.has(s.teamId));
  const toggle = (teamId: string) => {
    const next = new Set(picked);
    if (!next.delete(teamId)) next.add(teamId);
    onPicked(next);
    setPreviewing(false);
  };
  const send = async () => {
    setSending(true);
    const r = await sendCommand('incident:dispatch', {
      scenario,
      id: incidentId,
      teamIds: chosen.map((s) => s.teamId),
    });
    setSending(false);
    setPreviewing(false);
    if (r.ok) onPicked(new Set());
    setOutcome(
      r.ok
        ? { ok: true, text: `${chosen.map((s) => s.teamName).join('、')}：${t('dispatch.sent')}` }
        : { ok: false, text: t('dispatch.refused', { message: r.error }) },
    );
  };
  const minutes = (s: number) => Math.max(1, Math.round(s / 60));
  return (
    <section className="recommendations" data-testid="recommendations" aria-live="polite">
      <h3>{t('dispatch.title')}</h3>
      {q.isPending && <p>{t('layers.loading')}</p>}
      {q.isError && <p role="alert">{t('dispatch.error', { message: q.error.message })}</p>}
      {q.data?.suggestions.length === 0 && <p>{t('dispatch.none')}</p>}
      <ol>
        {q.data?.suggestions.map((s) => (
          <li
            key={s.teamId}
            className={[
              s === q.data.suggestions[0] ? 'best' : '',
              picked.has(s.teamId) ? 'picked' : '',
            ].join(' ')}
          >
            <label>
              {allowed && (
                <input
                  type="checkbox"
                  className="pick"
                  checked={picked.has(s.teamId)}
                  onChange={() => toggle(s.teamId)}
                />
              )}
              <strong>
                {s.teamName}
                <span className="members">{t('dispatch.members', { n: s.members })}</span>
              </strong>
            </label>
            <span>{explain(s).join(' · ')}</span>
          </li>
        ))}
      </ol>
      {allowed && chosen.length > 0 && !previewing && (
        <button type="button" className="dispatch" onClick={() => setPreviewing(true)}>
          {t('dispatch.preview', { n: chosen.length })}
        </button>
      )}
      {previewing && (
        <div className="preview" data-testid="dispatch-preview">
          <h4>{t('dispatch.previewTitle')}</h4>
          <ul>
            {chosen.map((s) => (
              <li key={s.teamId}>
                {s.teamName} · {t('dispatch.eta', { n: minutes(s.etaS) })}
                {s.pickup && ` · ${s.pickup.depotName}`}
              </li>
            ))}
          </ul>
          <p>
            {t('dispatch.previewTotal', {
              teams: chosen.length,
              members: chosen.reduce((n, s) => n + s.members, 0),
              n: minutes(Math.min(...chosen.map((s) => s.etaS))),
            })}
          </p>
          <div className="buttons">
            <button
              type="button"
              className="confirm"
              disabled={sending}
              onClick={() => void send()}
            >
              {t('dispatch.confirm')}
            </button>
            <button type="button" onClick={() => setPreviewing(false)}>
              {t('dispatch.cancel')}
            </button>
          </div>
        </div>
      )}
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
