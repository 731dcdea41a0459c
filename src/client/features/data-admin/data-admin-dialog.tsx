import './data-admin.css';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ImportRegister,
  type ColumnMapping,
  type ImportReport,
  type ScenarioId,
  type Session,
} from '../../../shared/protocol/index.ts';
import {
  fetchImportReport,
  fetchTemplate,
  uploadImport,
  type ImportOptions,
} from '../../api/data-imports.ts';
import { download } from '../../ui/download.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { ColumnMappingView, sheetToMap } from './column-mapping-view.tsx';
import { ImportReportView } from './import-report-view.tsx';
import { RuleEditor } from './rule-editor.tsx';

const CRS: readonly ImportOptions['crs'][] = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'];

/**
 * 数据管理: templates to fill, a register dropped (or chosen) and checked, the report in place —
 * every refused row with its row, column and reason, and what applying would add, change and
 * remove — then applied with one more click, only when nothing was refused.
 */
export function DataAdminDialog({
  scenario,
  session,
  onClose,
}: {
  scenario: ScenarioId;
  session: Session;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const [file, setFile] = useState<File | null>(null);
  const [crs, setCrs] = useState<ImportOptions['crs']>('wgs84');
  const [merge, setMerge] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);

  const run = async (apply: boolean) => {
    if (!file) return;
    setProblem(null);
    setProgress(0);
    try {
      setReport(await uploadImport(scenario, file, { apply, merge, crs, mapping }, setProgress));
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setProgress(null);
    }
  };
  const choose = (f: File | null) => {
    setFile(f);
    setReport(null);
    setProblem(null);
    setMapping(null);
  };
  const saveReport = async () => {
    if (!file) return;
    try {
      download(
        await fetchImportReport(scenario, file, { apply: false, merge, crs, mapping }),
        `${t('dataAdmin.reportFile')}-${file.name.replace(/\.[^.]+$/, '')}.xlsx`,
      );
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    choose(e.dataTransfer.files[0] ?? null);
  };
  const template = async (register: ImportRegister) => {
    try {
      download(
        await fetchTemplate(scenario, register),
        `${t(`dataAdmin.registers.${register}`)}模板.xlsx`,
      );
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const errors = report?.problems.filter((p) => p.level === 'error').length ?? 0;
  const busy = progress !== null;
  const toMap = report ? sheetToMap(report) : undefined;

  return (
    <ModalDialog
      title={t('dataAdmin.title')}
      className="data-admin"
      testId="data-admin-dialog"
      onClose={onClose}
    >
      <p className="templates">
        {t('dataAdmin.templates')}
        {ImportRegister.options.map((r) => (
          <button key={r} type="button" onClick={() => void template(r)}>
            {t(`dataAdmin.registers.${r}`)}
          </button>
        ))}
      </p>
      <label
        className={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          type="file"
          accept=".xlsx,.csv,.osm,.pbf,.geojson,.json,.zip"
          data-testid="import-file"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        <span>{file ? file.name : t('dataAdmin.drop')}</span>
      </label>
      <div className="options">
        <label>
          {t('dataAdmin.crs')}
          <select
            value={crs}
            onChange={(e) => {
              setCrs(e.target.value as ImportOptions['crs']);
              setReport(null);
            }}
          >
            {CRS.map((c) => (
              <option key={c} value={c}>
                {t(`dataAdmin.crsNames.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={merge}
            onChange={(e) => {
              setMerge(e.target.checked);
              setReport(null);
            }}
          />
          {t('dataAdmin.merge')}
        </label>
        <button type="button" disabled={!file || busy} onClick={() => void run(false)}>
          {t('dataAdmin.check')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="import-apply"
          disabled={!file || busy || !report || errors > 0 || report.applied !== null}
          onClick={() => void run(true)}
        >
          {t('dataAdmin.apply')}
        </button>
      </div>
      {busy && <progress max={1} value={progress} aria-label={t('dataAdmin.uploading')} />}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {toMap && (
        <ColumnMappingView
          sheet={toMap}
          mapping={mapping}
          busy={busy}
          onChange={(m) => {
            setMapping(m);
          }}
          onCheck={() => void run(false)}
        />
      )}
      {report && <ImportReportView report={report} zh={zh} />}
      {report && report.problemCount > 0 && (
        <p className="report-download">
          <button type="button" data-testid="import-report-xlsx" onClick={() => void saveReport()}>
            {t('dataAdmin.downloadReport')}
          </button>
        </p>
      )}
      <RuleEditor scenario={scenario} session={session} />
    </ModalDialog>
  );
}
