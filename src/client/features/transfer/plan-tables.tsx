import { useTranslation } from 'react-i18next';
import type { TownshipTransfer } from '../../../shared/transfer/plan-job.ts';
import type { CsvColumn, PlanRow } from './plan-export.ts';
import {
  displayCell,
  SUMMARY_COLUMNS,
  townshipColumns,
  type TownshipColumnId,
} from './township-columns.ts';
import type { Constraints } from './use-transfer.ts';

/** The panel is narrow: vulnerable people are in the village table and the print. */
const PANEL_COLUMNS = SUMMARY_COLUMNS.filter((c) => c !== 'vulnerable');

/** Vehicles, teams and hours per township. */
export function TownshipTable({
  townships,
  area,
}: {
  townships: readonly TownshipTransfer[];
  area: (code: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  const columns = townshipColumns(PANEL_COLUMNS, t, area);
  // Shortfalls in red: people without a place, fewer teams than needed.
  const short = (id: TownshipColumnId, x: TownshipTransfer) =>
    (id === 'unplaced' && x.unplaced > 0) || (id === 'teams' && x.teamIds.length < x.teamsNeeded);
  return (
    <>
      <h3>{t('transfer.byTownship')}</h3>
      <table className="townships">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {townships.map((x) => (
            <tr key={x.townshipCode}>
              {columns.map((c) => (
                <td
                  key={c.id}
                  className={short(c.id, x) ? 'late' : undefined}
                  title={
                    c.id === 'teams'
                      ? t('transfer.teamsFrom', { n: x.teamsFromElsewhere })
                      : undefined
                  }
                >
                  {displayCell(c, x, n)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Village → shelter rows (the first 200 in the chosen order), each with pin and forbid. */
export function AssignmentTable({
  rows,
  headers,
  constraints,
  onConstraints,
}: {
  rows: readonly PlanRow[];
  headers: Record<CsvColumn, string>;
  constraints: Constraints;
  onConstraints: (c: Constraints) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <table className="assignments" data-testid="plan-table">
      <thead>
        <tr>
          <th>{headers.village}</th>
          <th>{headers.shelter}</th>
          <th>{headers.people}</th>
          <th>{headers.vulnerable}</th>
          <th>{headers.minutes}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 200).map((r, i) => (
          <tr key={i} className={r.shelter ? undefined : 'late'}>
            <td>{r.village}</td>
            <td>{r.shelter || t('transfer.noPlace')}</td>
            <td>{n.format(r.people)}</td>
            <td>{n.format(r.vulnerable)}</td>
            <td>{Number.isFinite(r.minutes) ? r.minutes : '—'}</td>
            <td className="row-actions">
              {r.shelterId && (
                <>
                  <button
                    type="button"
                    title={t('transfer.pinHint')}
                    data-action="pin"
                    onClick={() =>
                      onConstraints({
                        ...constraints,
                        pins: [
                          ...constraints.pins.filter(
                            (p) => !(p.village === r.villageCode && p.shelter === r.shelterId),
                          ),
                          { village: r.villageCode, shelter: r.shelterId, people: r.people },
                        ],
                      })
                    }
                  >
                    {t('transfer.pin')}
                  </button>
                  <button
                    type="button"
                    title={t('transfer.forbidHint')}
                    data-action="forbid"
                    onClick={() =>
                      onConstraints({
                        ...constraints,
                        forbidden: [
                          ...constraints.forbidden,
                          { village: r.villageCode, shelter: r.shelterId },
                        ],
                      })
                    }
                  >
                    {t('transfer.forbid')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
