import { useScenarioName } from '../../data/scenarios.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import type { Hazard } from '../../../shared/transfer/hazard-area.ts';
import { useCollection } from '../../data/collections.ts';
import { canPlan, useSession } from '../../api/session.ts';
import { download } from '../../ui/download.ts';
import { planCsv, planRows, planXlsx, type CsvColumn } from './plan-export.ts';
import type { Constraints } from './use-transfer.ts';
import { PrintSheet, type Paper, type PrintJob } from './print-sheet.tsx';
import { mapSnapshot } from '../../ui/map-snapshot.ts';
import { AssignmentTable, TownshipTable } from './plan-tables.tsx';
import { PlanProgress } from './plan-progress.tsx';
import { publishPlan } from './plan-publish.ts';
import { HazardPicker, useHazardName } from './hazard-picker.tsx';
import type { DrawnHazard } from './use-drawn-hazard.ts';
import type { PlanState } from './use-plan.ts';
import { SUMMARY_COLUMNS, townshipColumns, townshipSheet } from './township-columns.ts';
import './transfer.css';

type SortKey = 'people' | 'minutes' | 'vulnerable';

const noop = () => undefined;

/**
 * Flood headquarters' transfer planning: pick the hazard (a warning in force or a flood
 * scenario), plan in a worker with visible progress, read the result per township and per
 * village → shelter, export it.
 */
export function TransferPanel({
  scenario,
  hazard,
  onHazard,
  state,
  onRun,
  onClose,
  constraints,
  onConstraints,
  draw,
  exercise,
}: {
  scenario: ScenarioId;
  hazard: Hazard | null;
  onHazard: (h: Hazard | null) => void;
  state: PlanState;
  onRun: () => void;
  onClose: () => void;
  constraints: Constraints;
  onConstraints: (c: Constraints) => void;
  draw: DrawnHazard;
  /** The data is exercise data: the printed plan says so. */
  exercise: boolean;
}) {
  const { t, i18n } = useTranslation();
  const scenarioName = useScenarioName(scenario);
  const n = new Intl.NumberFormat(i18n.language);
  const villages = useCollection(scenario, 'villages').data?.byKey;
  const townships = useCollection(scenario, 'townships').data?.byKey;
  const shelters = useCollection(scenario, 'shelters').data?.byKey;
  const teams = useCollection(scenario, 'teams').data?.byKey;
  const [sort, setSort] = useState<SortKey>('people');
  const session = useSession();
  const [paper, setPaper] = useState<Paper>('A4');
  const [printJob, setPrintJob] = useState<PrintJob | null>(null);
  const [published, setPublished] = useState<{ ok: boolean; text: string } | null>(null);
  const result = state.status === 'done' ? state.result : null;
  const area = (code: string) =>
    (code.length === 9 ? townships?.get(code)?.name : villages?.get(code)?.name) ?? code;
  const rows = useMemo(
    () =>
      result
        ? planRows(result, { area, shelter: (id) => shelters?.get(id)?.name ?? id }).sort(
            (a, b) => (b[sort] || 0) - (a[sort] || 0),
          )
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- names change with the data only
    [result, sort, villages, townships, shelters],
  );
  const headers: Record<CsvColumn, string> = {
    township: t('transfer.township'),
    village: t('transfer.village'),
    shelter: t('transfer.shelter'),
    people: t('transfer.people'),
    vulnerable: t('transfer.vulnerable'),
    minutes: t('transfer.minutes'),
    pinned: t('transfer.pinned'),
  };
  const hazardName = useHazardName();
  return (
    <aside className="details-panel transfer-panel" data-testid="transfer-panel">
      <header>
        <h2>{t('transfer.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('details.close')}>
          ×
        </button>
      </header>
      <PlanProgress scenario={scenario} />
      <HazardPicker scenario={scenario} hazard={hazard} onHazard={onHazard} draw={draw} />
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={!hazard || state.status === 'running'}
          onClick={onRun}
        >
          {t('transfer.solve')}
        </button>
      </div>
      {(constraints.pins.length > 0 || constraints.forbidden.length > 0) && (
        <p className="constraints" data-testid="constraints">
          {t('transfer.constraints', {
            pins: constraints.pins.length,
            forbidden: constraints.forbidden.length,
          })}
          <button type="button" onClick={() => onConstraints({ pins: [], forbidden: [] })}>
            {t('transfer.clear')}
          </button>
        </p>
      )}
      {state.status === 'running' && (
        <div className="progress" data-testid="plan-progress">
          <span>{t(`transfer.stage.${state.stage}`)}</span>
          <progress value={state.done} max={Math.max(1, state.total)} />
        </div>
      )}
      {state.status === 'error' && (
        <p role="alert">{t('transfer.failed', { message: state.message })}</p>
      )}
      {result && (
        <div className="result" data-testid="plan-result">
          <dl className="kpis">
            <div>
              <dt>{t('transfer.affected')}</dt>
              <dd>
                {t('transfer.villagesPeople', {
                  v: result.villages.length,
                  p: n.format(result.plan.totals.people),
                })}
              </dd>
            </div>
            <div>
              <dt>{t('transfer.vulnerable')}</dt>
              <dd>{n.format(result.villages.reduce((s, v) => s + v.vulnerable, 0))}</dd>
            </div>
            <div>
              <dt>{t('transfer.placed')}</dt>
              <dd data-kpi="placed">{n.format(result.plan.totals.placed)}</dd>
            </div>
            <div className={result.plan.totals.unplaced > 0 ? 'alert' : undefined}>
              <dt>{t('transfer.unplaced')}</dt>
              <dd data-kpi="unplaced">{n.format(result.plan.totals.unplaced)}</dd>
            </div>
            <div className="wide">
              <dt>{t('transfer.objective')}</dt>
              <dd>
                {t('transfer.personMinutes', {
                  n: n.format(Math.round(result.plan.totals.personMinutes)),
                })}
                <small>
                  {t('transfer.vsGreedy', {
                    n: n.format(Math.round(result.greedy.personMinutes)),
                  })}
                </small>
                {result.optimum.splitVillages > result.plan.totals.splitVillages && (
                  <small data-testid="consolidated">
                    {t('transfer.consolidated', {
                      villages: result.optimum.splitVillages - result.plan.totals.splitVillages,
                      split: result.plan.totals.splitVillages,
                      pct: (
                        (result.plan.totals.personMinutes /
                          Math.max(1, result.optimum.personMinutes) -
                          1) *
                        100
                      ).toFixed(2),
                    })}
                  </small>
                )}
              </dd>
            </div>
          </dl>
          <p className="hint">
            {t('transfer.facts', {
              shelters: result.sheltersUsable,
              inside: result.sheltersInside.length,
              roads: result.closedRoads.length,
              ms: Math.round(state.status === 'done' ? state.ms : 0),
            })}
          </p>
          {result.cutOff.length > 0 && (
            <p role="alert" className="cut-off">
              {t('transfer.cutOff', { names: result.cutOff.map(area).join('、') })}
            </p>
          )}
          <TownshipTable townships={result.townships} area={area} />
          <h3>
            {t('transfer.assignments')}
            <select name="sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              <option value="people">{t('transfer.sortPeople')}</option>
              <option value="minutes">{t('transfer.sortMinutes')}</option>
              <option value="vulnerable">{t('transfer.sortVulnerable')}</option>
            </select>
          </h3>
          <AssignmentTable
            rows={rows}
            headers={headers}
            constraints={constraints}
            onConstraints={onConstraints}
          />
          <div className="buttons">
            <button
              type="button"
              data-testid="export-csv"
              onClick={() =>
                download(
                  planCsv(rows, headers, t('transfer.noPlace')),
                  `onemap-transfer-${result.hazardId}.csv`,
                )
              }
            >
              {t('transfer.csv')}
            </button>
            <button
              type="button"
              data-testid="export-xlsx"
              onClick={() =>
                void planXlsx(
                  rows,
                  headers,
                  townshipSheet(
                    t('transfer.byTownship'),
                    townshipColumns(
                      [...SUMMARY_COLUMNS, 'teamNames'],
                      t,
                      area,
                      (id) => teams?.get(id)?.name ?? id,
                    ),
                    result.townships,
                  ),
                  [t('transfer.assignments'), t('transfer.byTownship')],
                  t('transfer.noPlace'),
                ).then((blob) => download(blob, `onemap-transfer-${result.hazardId}.xlsx`))
              }
            >
              {t('transfer.xlsx')}
            </button>
            <select
              name="paper"
              aria-label={t('transfer.paper')}
              value={paper}
              onChange={(e) => setPaper(e.target.value === 'A3' ? 'A3' : 'A4')}
            >
              <option value="A4">A4</option>
              <option value="A3">A3</option>
            </select>
            <button
              type="button"
              data-testid="print-plan"
              onClick={() =>
                setPrintJob({ paper, map: mapSnapshot(), at: new Date().toISOString() })
              }
            >
              {t('transfer.print')}
            </button>
            {session && canPlan(session) && hazard && (
              <button
                type="button"
                className="primary"
                data-testid="publish-plan"
                onClick={() =>
                  void publishPlan(session, scenario, hazard, result).then(
                    (version) =>
                      setPublished({ ok: true, text: t('transfer.published', { version }) }),
                    (e: unknown) =>
                      setPublished({
                        ok: false,
                        text: t('transfer.publishFailed', { message: (e as Error).message }),
                      }),
                  )
                }
              >
                {t('transfer.publish')}
              </button>
            )}
          </div>
          {!canPlan(session) && <p className="hint">{t('transfer.signInToPublish')}</p>}
          {published && (
            <p role={published.ok ? 'status' : 'alert'} className={published.ok ? 'sent' : 'late'}>
              {published.text}
            </p>
          )}
        </div>
      )}
      {printJob && result && hazard && (
        <PrintSheet
          job={printJob}
          result={result}
          hazardName={hazardName(hazard)}
          scenarioName={scenarioName}
          exercise={exercise}
          area={area}
          onDone={noop}
        />
      )}
    </aside>
  );
}
