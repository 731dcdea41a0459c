import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentLogEntry, ScenarioId } from '../../../shared/protocol/index.ts';
import { EVENT_TARGET } from '../../../shared/live/index.ts';
import { isoCst } from '../../../shared/time.ts';
import { fetchIncidentLog } from '../../api/read-api.ts';
import { useCollection } from '../../data/collections.ts';
import { useClock } from '../../state/use-today.ts';
import { useAudience } from '../../api/use-whoami.ts';

const ARRIVED = new Set(['on_scene', 'returning', 'available']);

/** "HH:MM:SS" China time. */
const clock = (iso: string) => isoCst(Date.parse(iso)).slice(11, 19);

function mmss(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function incidentLogQuery(scenario: ScenarioId, incidentId: string) {
  return queryOptions({
    queryKey: ['incident-log', scenario, incidentId],
    queryFn: ({ signal }) => fetchIncidentLog(scenario, incidentId, signal),
    // The gateway keeps the log: ask again when incidents or a team's status change.
    meta: { staleOn: (e) => EVENT_TARGET[e.type] === 'incidents' || e.type === 'team:status' },
  });
}

/**
 * The teams sent to an incident with a countdown to their road ETA (then "on scene", or how
 * late they are), and the incident's dispatch log.
 */
export function DispatchTracker({ scenario, id }: { scenario: ScenarioId; id: string }) {
  const { t } = useTranslation();
  const incident = useCollection(scenario, 'incidents').data?.byKey.get(id);
  const teams = useCollection(scenario, 'teams').data?.byKey;
  const dispatches = incident?.dispatches ?? [];
  const waiting = dispatches.some((d) => !ARRIVED.has(teams?.get(d.teamId)?.status ?? ''));
  // Ticks every second while someone is on the way, slowly otherwise.
  const now = useClock(true, waiting ? 1_000 : 30_000);
  // Dispatch records are for signed-in staff: the public is shown none (nor sent any).
  const cleared = useAudience() === 'full';
  const log = useQuery({
    ...incidentLogQuery(scenario, id),
    enabled: cleared && incident !== undefined,
  });
  if (!incident || !cleared) return null;
  const name = (teamId: string) => teams?.get(teamId)?.name ?? teamId;
  const line = (e: IncidentLogEntry) => {
    switch (e.kind) {
      case 'status':
        return t('tracker.status', { status: t(`enums.incidentStatus.${e.status}`) });
      case 'dispatch':
        return t('tracker.sent', { team: name(e.teamId) });
      case 'team':
        return `${name(e.teamId)}：${t(`enums.teamStatus.${e.status}`)}`;
    }
  };
  return (
    <section className="dispatch-tracker" data-testid="dispatch-tracker">
      {dispatches.length > 0 && (
        <>
          <h3>{t('tracker.teams')}</h3>
          <ul className="eta">
            {dispatches.map((d) => {
              const status = teams?.get(d.teamId)?.status;
              const due = Date.parse(d.at) + (d.etaS ?? 0) * 1000;
              const arrived = status !== undefined && ARRIVED.has(status);
              const late = now > due;
              return (
                <li key={`${d.teamId}-${d.at}`} data-team={d.teamId}>
                  <strong>{name(d.teamId)}</strong>
                  <span className="muted">{t('tracker.sentAt', { time: clock(d.at) })}</span>
                  <span className={arrived ? 'arrived' : late ? 'late' : 'countdown'}>
                    {arrived
                      ? t('tracker.arrived')
                      : d.etaS === null
                        ? t('tracker.noEta')
                        : late
                          ? t('tracker.late', { t: mmss(now - due) })
                          : t('tracker.due', {
                              t: mmss(due - now),
                              at: clock(new Date(due).toISOString()),
                            })}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h3>{t('tracker.log')}</h3>
      {log.isError && <p role="alert">{log.error.message}</p>}
      <ol className="log">
        {(log.data ?? []).map((e) => (
          <li key={`${e.seq}-${e.kind}-${'teamId' in e ? e.teamId : ''}`}>
            <time>{clock(e.time)}</time> {line(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
