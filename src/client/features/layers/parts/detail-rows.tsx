import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, EQUIPMENT, Inventory } from '../../../../shared/protocol/index.ts';

/** One labelled line of a details panel. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Occupancy against night capacity, as a bar. */
export function Gauge({ value, max }: { value: number; max: number }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div className="gauge" role="meter" aria-valuenow={value} aria-valuemin={0} aria-valuemax={max}>
      <div style={{ width: `${pct}%` }} />
      <span>
        {value} / {max} ({pct.toFixed(0)}%)
      </span>
    </div>
  );
}

export function InventoryTable({ inventory }: { inventory: Inventory }) {
  const { t } = useTranslation();
  const items = Object.entries(inventory) as [keyof typeof EQUIPMENT, number][];
  if (items.length === 0) return <span>{t('layers.empty')}</span>;
  return (
    <table className="inventory">
      <tbody>
        {items.map(([item, n]) => (
          <tr key={item}>
            <td>{t(`enums.equipment.${item}`)}</td>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The words detail rows are made of: labels, enum values and contacts. */
export function useDetailWords() {
  const { t } = useTranslation();
  return {
    t,
    label: (field: string) => t(`fields.${field}`),
    en: (key: string, value: unknown) => t(`enums.${key}.${String(value)}`),
    // The gateway leaves people's names and phones out for readers not cleared to see them.
    contact: (c: Contact | undefined) => (c ? `${c.name} ${c.phone}` : t('layers.signInToSee')),
  };
}
