import { useTranslation } from 'react-i18next';
import type { Kpi } from './wall-kpis.ts';

/** One KPI: its name, the figure in its threshold colour, and its parts. */
export function KpiTile({ k, format }: { k: Kpi; format: (n: number) => string }) {
  const { t } = useTranslation();
  return (
    <div className={`kpi level-${k.level}`} data-kpi={k.id} data-level={k.level}>
      <h2>{t(`wall.kpi.${k.id}`)}</h2>
      <strong>{k.value}</strong>
      {k.parts.length > 0 && (
        <p>
          {k.parts.map(([label, v]) => (
            <span key={label}>
              {t(label.startsWith('severity.') ? `enums.level.${label.slice(9)}` : `wall.${label}`)}{' '}
              {format(v)}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
