import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IncidentType,
  SeverityLevel,
  severityRank,
  type Incident,
  type LonLat,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { useCanCommand } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';
import { useClock } from '../../state/use-today.ts';

const DONE: ReadonlySet<Incident['status']> = new Set(['resolved', 'closed']);

/** Most severe first; within a level, the one waiting longest first. */
export function boardOrder(a: Incident, b: Incident): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) || a.reportedAt.localeCompare(b.reportedAt)
  );
}

interface Filters {
  open: boolean;
  severity: SeverityLevel | '';
  type: IncidentType | '';
  township: string;
}

/**
 * The duty officer's list of incidents beside the map: sorted by severity and age, filtered by
 * status, level, type and township; a row selects the incident on the map and in the details.
 */
export function IncidentBoard({
  scenario,
  townships,
  selectedId,
  onSelect,
  onNew,
}: {
  scenario: ScenarioId;
  /** Township code → name, for the filter and the rows. */
  townships: ReadonlyMap<string, string>;
  selectedId: string | null;
  onSelect: (id: string, position: LonLat) => void;
  /** Opens the form for a call taken by phone (shown to those who may command). */
  onNew?: () => void;
}) {
  const { t } = useTranslation();
  const incidents = useCollection(scenario, 'incidents');
  const now = useClock(true, 30_000);
  const signedIn = useCanCommand();
  const [filters, setFilters] = useState<Filters>({
    open: true,
    severity: '',
    type: '',
    township: '',
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const rows = useMemo(
    () =>
      (incidents.data?.entities ?? [])
        .filter(
          (i) =>
            (!filters.open || !DONE.has(i.status)) &&
            (!filters.severity || i.severity === filters.severity) &&
            (!filters.type || i.type === filters.type) &&
            (!filters.township || i.townshipCode === filters.township),
        )
        .sort(boardOrder),
    [incidents.data, filters],
  );
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const acknowledge = async (i: Incident) => {
    const r = await sendCommand('incident:acknowledge', { scenario, id: i.id });
    setRefusal(r.ok ? null : r.error);
  };

  return (
    <section className="side-board" data-testid="incident-board" aria-label={t('board.title')}>
      <h2>
        {t('board.title')} <span className="count">{rows.length}</span>
        {signedIn && onNew && (
          <button type="button" className="new" data-testid="new-incident-button" onClick={onNew}>
            {t('newIncident.button')}
          </button>
        )}
      </h2>
      <div className="filters">
        <select
          aria-label={t('board.status')}
          value={filters.open ? 'open' : 'all'}
          onChange={(e) => set({ open: e.target.value === 'open' })}
        >
          <option value="open">{t('board.open')}</option>
          <option value="all">{t('board.all')}</option>
        </select>
        <select
          aria-label={t('fields.severity')}
          value={filters.severity}
          onChange={(e) => set({ severity: e.target.value as Filters['severity'] })}
        >
          <option value="">{t('board.anyLevel')}</option>
          {SeverityLevel.options.map((l) => (
            <option key={l} value={l}>
              {t(`enums.level.${l}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('fields.type')}
          value={filters.type}
          onChange={(e) => set({ type: e.target.value as Filters['type'] })}
        >
          <option value="">{t('board.anyType')}</option>
          {IncidentType.options.map((k) => (
            <option key={k} value={k}>
              {t(`enums.incidentType.${k}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('board.township')}
          value={filters.township}
          onChange={(e) => set({ township: e.target.value })}
        >
          <option value="">{t('board.anyTownship')}</option>
          {[...townships].map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {refusal && <p role="alert">{refusal}</p>}
      {rows.length === 0 && <p className="empty">{t('board.empty')}</p>}
      <ol>
        {rows.map((i) => (
          <li
            key={i.id}
            className={i.id === selectedId ? 'selected' : undefined}
            aria-current={i.id === selectedId ? 'true' : undefined}
          >
            <button type="button" className="row" onClick={() => onSelect(i.id, i.position)}>
              <span className={`sev sev-${i.severity}`}>{i.severity}</span>
              <span className="what">
                <strong>{i.title}</strong>
                <span>
                  {t(`enums.incidentStatus.${i.status}`)} ·{' '}
                  {(i.townshipCode ? townships.get(i.townshipCode) : undefined) ?? i.address} ·{' '}
                  {t('board.age', {
                    n: Math.max(0, Math.round((now - Date.parse(i.reportedAt)) / 60_000)),
                  })}
                </span>
              </span>
            </button>
            {signedIn && i.status === 'reported' && (
              <button type="button" className="ack" onClick={() => void acknowledge(i)}>
                {t('board.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
