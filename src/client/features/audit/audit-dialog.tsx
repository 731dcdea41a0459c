import './audit.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMANDS, type Session } from '../../../shared/protocol/index.ts';
import { readableCst } from '../../../shared/time.ts';
import { download } from '../../ui/download.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { fetchAudit, fetchAuditCsv, type AuditFilters } from '../../api/audit-reads.ts';

type Filters = AuditFilters;

const brief = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));

/**
 * The audit log for duty officers and admins: every command, done or refused, newest first,
 * filtered by command, person and outcome; the same selection downloads as CSV.
 */
export function AuditDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ command: '', subject: '', outcome: '' });
  const [exportError, setExportError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['audit', filters, session.token],
    queryFn: ({ signal }) => fetchAudit(session, filters, signal),
    refetchInterval: 10_000,
  });
  // i18next reads ':' as a namespace separator: the keys spell commands with '_'.
  const commandName = (c: string) =>
    t(`audit.commands.${c.replace(/[:-]/g, '_')}`, { defaultValue: c });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const exportCsv = async () => {
    setExportError(null);
    try {
      const csv = await fetchAuditCsv(session, filters);
      download(csv, `onemap-audit-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (e) {
      setExportError((e as Error).message);
    }
  };
  return (
    <ModalDialog title={t('audit.title')} className="audit" testId="audit-dialog" onClose={onClose}>
      <div className="filters">
        <select
          aria-label={t('audit.command')}
          name="command"
          value={filters.command}
          onChange={(e) => set({ command: e.target.value })}
        >
          <option value="">{t('audit.anyCommand')}</option>
          {Object.keys(COMMANDS).map((c) => (
            <option key={c} value={c}>
              {commandName(c)}
            </option>
          ))}
        </select>
        <input
          name="subject"
          placeholder={t('audit.subject')}
          value={filters.subject}
          onChange={(e) => set({ subject: e.target.value })}
        />
        <select
          aria-label={t('audit.outcome')}
          name="outcome"
          value={filters.outcome}
          onChange={(e) => set({ outcome: e.target.value as Filters['outcome'] })}
        >
          <option value="">{t('audit.anyOutcome')}</option>
          <option value="done">{t('audit.done')}</option>
          <option value="refused">{t('audit.refused')}</option>
        </select>
        <button type="button" onClick={() => void exportCsv()}>
          {t('audit.csv')}
        </button>
      </div>
      {exportError && <p role="alert">{exportError}</p>}
      {q.isError && <p role="alert">{t('audit.failed', { message: q.error.message })}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('audit.time')}</th>
              <th>{t('audit.subject')}</th>
              <th>{t('audit.command')}</th>
              <th>{t('audit.target')}</th>
              <th>{t('audit.outcome')}</th>
              <th>{t('audit.change')}</th>
              <th>{t('audit.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {(q.data ?? []).map((e) => (
              <tr key={e.id} className={e.outcome}>
                <td>{readableCst(e.time)}</td>
                <td>
                  {e.subject}
                  <small>{t(`session.roles.${e.role}`)}</small>
                </td>
                <td>{commandName(e.command)}</td>
                <td>{e.target ?? '—'}</td>
                <td>
                  {e.outcome === 'done' ? t('audit.done') : `${t('audit.refused')}：${e.detail}`}
                </td>
                <td className="change">
                  {brief(e.before)} → {brief(e.after)}
                </td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {q.data?.length === 0 && <p>{t('audit.empty')}</p>}
      </div>
    </ModalDialog>
  );
}
