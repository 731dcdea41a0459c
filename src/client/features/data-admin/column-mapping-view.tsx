import { useTranslation } from 'react-i18next';
import { unknownHeaders } from '../../../shared/import/sheet-header.ts';
import { templateOf } from '../../../shared/import/registers/index.ts';
import {
  ImportRegister,
  type ColumnMapping,
  type ImportReport,
} from '../../../shared/protocol/index.ts';

type Sheet = ImportReport['files'][number];

/** The first sheet of the report whose header the import did not fully know (roads have none). */
export function sheetToMap(report: ImportReport): Sheet | undefined {
  return report.files.find(
    (f) =>
      f.register !== 'roads' &&
      f.headers.length > 0 &&
      (f.register === null || f.unknown.length > 0),
  );
}

/**
 * 列对应: for a sheet whose headers the import did not recognise, the officer says which register
 * it is and what each header holds; the file is then checked again with that mapping (and
 * applied with it). Headers left on 忽略 stay ignored, as the report says.
 */
export function ColumnMappingView({
  sheet,
  mapping,
  onChange,
  onCheck,
  busy,
}: {
  sheet: Sheet;
  mapping: ColumnMapping | null;
  onChange: (m: ColumnMapping) => void;
  onCheck: () => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const known = ImportRegister.safeParse(sheet.register);
  const register = mapping?.register ?? (known.success ? known.data : null);
  const columns = register ? templateOf(register).columns : [];
  // The headers the register knows under no name (the others it reads already).
  const headers = register ? unknownHeaders(sheet.headers, columns) : [];
  const chosen = mapping?.columns ?? {};
  const set = (header: string, field: string) => {
    if (!register) return;
    const rest = Object.entries(chosen).filter(([h]) => h !== header);
    onChange({
      register,
      columns: Object.fromEntries(field ? [...rest, [header, field]] : rest),
    });
  };
  return (
    <section className="column-mapping" data-testid="column-mapping">
      <h3>{t('dataAdmin.mapping.title')}</h3>
      <p>{t('dataAdmin.mapping.explain')}</p>
      <label>
        {t('dataAdmin.mapping.register')}
        <select
          value={register ?? ''}
          data-testid="mapping-register"
          onChange={(e) => {
            const r = ImportRegister.safeParse(e.target.value);
            if (r.success) onChange({ register: r.data, columns: {} });
          }}
        >
          <option value="" disabled>
            {t('dataAdmin.mapping.choose')}
          </option>
          {ImportRegister.options.map((r) => (
            <option key={r} value={r}>
              {t(`dataAdmin.registers.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {register && (
        <table>
          <thead>
            <tr>
              <th>{t('dataAdmin.mapping.header')}</th>
              <th>{t('dataAdmin.mapping.field')}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((h) => (
              <tr key={h}>
                <td>{h}</td>
                <td>
                  <select
                    value={chosen[h] ?? ''}
                    aria-label={h}
                    data-testid={`mapping-${h}`}
                    onChange={(e) => set(h, e.target.value)}
                  >
                    <option value="">{t('dataAdmin.mapping.ignore')}</option>
                    {columns.map((c) => (
                      <option key={c.field} value={c.field}>
                        {`${c.names[0] ?? c.field}${c.required ? ' *' : ''} — ${zh ? c.hint.zh : c.hint.en}`}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        data-testid="mapping-check"
        disabled={!register || busy}
        onClick={onCheck}
      >
        {t('dataAdmin.mapping.check')}
      </button>
    </section>
  );
}
