import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PlanJobResult } from '../../../shared/transfer/plan-job.ts';
import { readableCst } from '../../../shared/time.ts';
import { displayCell, SUMMARY_COLUMNS, townshipColumns } from './township-columns.ts';

export type Paper = 'A4' | 'A3';

export interface PrintJob {
  paper: Paper;
  /** The map as on screen when printing was asked for (a dark map as its light negative; PNG data URL). */
  map: string | null;
  at: string;
}

/**
 * The printable plan: title, hazard and its source, time, scenario, the exercise mark when the
 * data is exercise data, the map, the KPIs and the tables, on A4 or A3 landscape. Shown only in
 * print; the browser's print dialog opens once it is in the page.
 */
export function PrintSheet({
  job,
  result,
  hazardName,
  scenarioName,
  exercise,
  area,
  onDone,
}: {
  job: PrintJob;
  result: PlanJobResult;
  hazardName: string;
  scenarioName: string;
  exercise: boolean;
  area: (code: string) => string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  const columns = townshipColumns(SUMMARY_COLUMNS, t, area);
  useEffect(() => {
    const timer = setTimeout(() => {
      window.print();
      onDone();
    }, 50);
    return () => clearTimeout(timer);
  }, [onDone]);
  // A child of <body>, beside the app, so printing can leave the whole app out of the pages.
  return createPortal(
    <section className={`print-sheet paper-${job.paper}`} data-testid="print-sheet">
      <style>{`@page { size: ${job.paper} landscape; margin: 12mm; }`}</style>
      {exercise && <div className="print-watermark">{t('transfer.exerciseMark')}</div>}
      <h1>{t('transfer.title')}</h1>
      <p>
        {t('transfer.printMeta', {
          hazard: hazardName,
          scenario: scenarioName,
          at: readableCst(job.at),
        })}
      </p>
      {job.map && <img className="print-map" src={job.map} alt={t('transfer.mapAlt')} />}
      <p className="print-kpis">
        {t('transfer.printKpis', {
          villages: result.villages.length,
          people: n.format(result.plan.totals.people),
          placed: n.format(result.plan.totals.placed),
          unplaced: n.format(result.plan.totals.unplaced),
          minutes: n.format(Math.round(result.plan.totals.personMinutes)),
        })}
      </p>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.townships.map((x) => (
            <tr key={x.townshipCode}>
              {columns.map((c) => (
                <td key={c.id}>{displayCell(c, x, n)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="print-source">{t('transfer.scenarioNote')}</p>
    </section>,
    document.body,
  );
}
