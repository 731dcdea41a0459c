import { hhmmCst } from '../../../shared/time.ts';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answeredWithin, areaRollups, byTrigger } from '../../../shared/callout/figures.ts';
import type { Callout, LonLat, ScenarioId } from '../../../shared/protocol/index.ts';
import { fetchCalloutSetup } from '../../api/callout-reads.ts';
import { useCollection } from '../../data/collections.ts';
import { useClock } from '../../state/use-today.ts';
import './callouts.css';

/**
 * 叫应, per warning: how many of the persons called answered, the share answered within the
 * answer time, and per area who is still waiting — the oldest wait first — with each person's
 * rounds, answer and whom their silence was escalated to. A row shows the area on the map; a
 * phone number dials. Hidden while nobody is being called.
 */
export function CalloutBoard({
  scenario,
  onSelect,
}: {
  scenario: ScenarioId;
  onSelect: (position: LonLat) => void;
}) {
  const { t } = useTranslation();
  const callouts = useCollection(scenario, 'callouts');
  const setup = useQuery({
    queryKey: ['callout-setup'],
    queryFn: ({ signal }) => fetchCalloutSetup(signal),
    staleTime: 60_000,
  });
  const now = useClock(true, 15_000);
  const [open, setOpen] = useState<string | null>(null);
  const list = callouts.data?.entities;
  const groups = useMemo(() => byTrigger(list ?? []), [list]);
  const names = useMemo(() => new Map((list ?? []).map((c) => [c.id, c])), [list]);
  if (groups.length === 0) return null;
  const minutes = setup.data?.answerMinutes ?? 5;
  const person = (c: Callout) => `${t(`callout.role.${c.role}`)} ${c.name}`;
  return (
    <section
      className="side-board callout-board"
      data-testid="callout-board"
      aria-label={t('callout.title')}
    >
      <h2>{t('callout.title')}</h2>
      {setup.data && !setup.data.delivers && (
        <p className="callout-channel" role="note">
          {t('callout.notDelivered')}
        </p>
      )}
      {groups.map((g) => {
        const answered = g.callouts.filter((c) => c.status === 'answered').length;
        const within = answeredWithin(g.callouts, minutes * 60_000, now);
        return (
          <div key={g.ref} className="callout-warning" data-ref={g.ref}>
            <h3 className={`level-${g.level}`}>
              {g.headline}{' '}
              <span className="count">
                {t('callout.count', { answered, total: g.callouts.length })} ·{' '}
                {within.share === null
                  ? t('callout.withinNone', { minutes })
                  : t('callout.within', { minutes, share: `${Math.round(within.share * 100)}%` })}
              </span>
            </h3>
            <ol>
              {areaRollups(g.callouts).map((a) => {
                const key = `${g.ref}|${a.areaCode}`;
                const waitMin =
                  a.oldestWait === null
                    ? null
                    : Math.max(0, Math.floor((now - a.oldestWait) / 60_000));
                return (
                  <li
                    key={a.areaCode}
                    className="callout-area"
                    data-waiting={a.waiting > 0}
                    data-unanswered={a.unanswered > 0}
                  >
                    <button
                      type="button"
                      className="row"
                      aria-expanded={open === key}
                      onClick={() => {
                        setOpen(open === key ? null : key);
                        const first = a.callouts[0];
                        if (first) onSelect(first.position);
                      }}
                    >
                      <span className="area">
                        {a.areaName}
                        <small> {t(`callout.tier.${a.tier}`)}</small>
                      </span>
                      <span className="state">
                        {waitMin !== null
                          ? t('callout.waiting', { minutes: waitMin })
                          : a.unanswered > 0
                            ? t('callout.status.unanswered')
                            : t('callout.allAnswered')}
                      </span>
                      <span className="counts">
                        {t('callout.areaCounts', { answered: a.answered, total: a.total })}
                      </span>
                    </button>
                    {open === key && (
                      <ul className="callout-persons">
                        {a.callouts.map((c) => (
                          <li key={c.id} data-status={c.status}>
                            <span className="who">{person(c)}</span>
                            <a
                              href={`tel:${c.phone}`}
                              aria-label={t('callout.call', { phone: c.phone })}
                            >
                              {c.phone}
                            </a>
                            <span className="when">
                              {hhmmCst(c.openedAt)} · {t('callout.attempts', { n: c.attempts })}
                            </span>
                            <span className={`status status-${c.status}`}>
                              {c.status === 'answered' && c.answer
                                ? `${t(`callout.answer.${c.answer}`)} ${c.answeredAt ? hhmmCst(c.answeredAt) : ''} (${t(`callout.channel.${c.answerChannel ?? 'link'}`)})`
                                : t(`callout.status.${c.status}`)}
                            </span>
                            {c.note && <span className="note">{c.note}</span>}
                            {c.escalatedTo.length > 0 && (
                              <span className="escalated">
                                {t('callout.escalatedTo', {
                                  names: c.escalatedTo
                                    .map((id) => names.get(id))
                                    .filter((x): x is Callout => x !== undefined)
                                    .map(person)
                                    .join('、'),
                                })}
                              </span>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
        );
      })}
    </section>
  );
}
