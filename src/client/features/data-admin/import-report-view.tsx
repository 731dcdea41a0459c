import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../shared/protocol/index.ts';

/** The report of one import, in place: per sheet, the outcome, the diff, then every problem. */
export function ImportReportView({ report, zh }: { report: ImportReport; zh: boolean }) {
  const { t } = useTranslation();
  const n = new Intl.NumberFormat(zh ? 'zh-CN' : 'en');
  const errors = report.problems.filter((p) => p.level === 'error').length;
  return (
    <section className="import-report" data-testid="import-report" aria-live="polite">
      <p
        className={report.applied ? 'outcome applied' : errors > 0 ? 'outcome refused' : 'outcome'}
      >
        {report.applied
          ? t('dataAdmin.applied', { version: report.applied })
          : errors > 0
            ? t('dataAdmin.refused', { errors: n.format(errors) })
            : t('dataAdmin.checked')}
      </p>
      <ul className="files">
        {report.files.map((f) => (
          <li key={`${f.file}:${f.sheet ?? ''}`}>
            {t('dataAdmin.fileLine', {
              file: f.sheet ? `${f.file} · ${f.sheet}` : f.file,
              register: f.register ? t(`dataAdmin.registers.${f.register}`) : '?',
              rows: n.format(f.rows),
              accepted: n.format(f.accepted),
              refused: n.format(f.refused),
            })}
            {f.encoding && <small> ({f.encoding})</small>}
          </li>
        ))}
      </ul>
      {report.diffs.map((d) => (
        <p key={d.collection} className="diff" data-testid={`diff-${d.collection}`}>
          {t('dataAdmin.diff', {
            register: t(`dataAdmin.registers.${d.collection}`),
            added: n.format(d.added),
            changed: n.format(d.changed),
            removed: n.format(d.removed),
            unchanged: n.format(d.unchanged),
          })}
          {d.examples.added.length > 0 && (
            <small>
              {' '}
              {t('dataAdmin.addedNames')}
              {d.examples.added.join('、')}
            </small>
          )}
        </p>
      ))}
      {report.problems.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('dataAdmin.level')}</th>
                <th>{t('dataAdmin.row')}</th>
                <th>{t('dataAdmin.column')}</th>
                <th>{t('dataAdmin.value')}</th>
                <th>{t('dataAdmin.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={i} className={p.level}>
                  <td>{t(`dataAdmin.levels.${p.level}`)}</td>
                  <td>{p.row ?? '—'}</td>
                  <td>{p.column ?? '—'}</td>
                  <td>{p.value || '—'}</td>
                  <td>{zh ? p.reason.zh : p.reason.en}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.problemCount > report.problems.length && (
            <p>{t('dataAdmin.more', { count: report.problemCount - report.problems.length })}</p>
          )}
        </div>
      )}
    </section>
  );
}
