import { useScenarioMeta, useScenarioName } from '../../data/scenarios.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockCst, dateCst, isoCst } from '../../../shared/time.ts';
import type { FeedState } from '../../live/feed-client.ts';
import { useReplayState } from '../../state/replay-store.ts';
import { currentMap } from '../../map/current-map.ts';
import { useView } from '../../state/view-context.tsx';
import { download } from '../../ui/download.ts';
import { printableMap } from '../../ui/map-snapshot.ts';
import { useDescribeMap } from '../../ui/map-key.tsx';
import {
  composeSheet,
  metresPerCssPixel,
  PAPER_MM,
  type Paper,
  type SheetMap,
} from './export-sheet.ts';

/** The map as drawn now, with what a printed scale needs. */
function sheetMap(): SheetMap | null {
  const map = currentMap();
  const image = printableMap();
  if (!map || !image) return null;
  const canvas = map.getCanvas();
  const pixelRatio = canvas.width / Math.max(1, canvas.clientWidth);
  return {
    image,
    metresPerPixel: metresPerCssPixel(map.getCenter().lat, map.getZoom()) / pixelRatio,
    bearing: map.getBearing(),
  };
}

/** Export of the current view as a PNG or a PDF page (A4/A3 landscape) to hand out or file. */
export function ExportControls({ feed, title }: { feed: FeedState; title: string }) {
  const { t } = useTranslation();
  const { view } = useView();
  const scenarioName = useScenarioName(view.scenario);
  const meta = useScenarioMeta(view.scenario);
  const replay = useReplayState();
  const describeMap = useDescribeMap();
  const [paper, setPaper] = useState<Paper>('A4');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const compose = () => {
    const now = Date.now();
    const freshness = replay.active
      ? { text: t('export.replay', { time: isoCst(replay.at).slice(0, 19) }), stale: true }
      : feed.status === 'live'
        ? { text: t('export.live', { time: clockCst(now), seq: feed.lastSeq }), stale: false }
        : { text: t('export.stale', { time: clockCst(feed.since) }), stale: true };
    const sheet = composeSheet(paper, sheetMap(), {
      title: title || t('export.untitled'),
      scenario: scenarioName,
      time: t('export.time', { date: dateCst(now), time: clockCst(now) }),
      ...describeMap(view.layers, t),
      freshness,
      // Honest about the data: the synthetic-data line only where the manifest says some is.
      footer: t(meta && meta.sources.every((s) => s.real) ? 'export.footerOwn' : 'export.footer'),
      watermark: feed.exercise ? '演练 · EXERCISE' : null,
      labels: {
        legend: t('export.legend'),
        filters: t('export.filters'),
        noFilters: t('export.noFilters'),
        data: t('export.data'),
        north: t('export.north'),
      },
    });
    const stamp = isoCst(now).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return {
      sheet,
      name: `onemap-${view.scenario}-${stamp}`,
      title: title || t('export.untitled'),
    };
  };

  const run = async (format: 'png' | 'pdf') => {
    setBusy(true);
    setProblem(null);
    try {
      const { sheet, name, title: docTitle } = compose();
      if (format === 'png') {
        const blob = await new Promise<Blob | null>((resolve) =>
          sheet.toBlob(resolve, 'image/png'),
        );
        if (!blob) throw new Error('the browser could not encode the PNG');
        download(blob, `${name}.png`);
      } else {
        // Loaded on first use: most consoles never export.
        const { jsPDF } = await import('jspdf');
        const [w, h] = PAPER_MM[paper];
        const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: [w, h] });
        doc.setProperties({
          title: docTitle,
          subject: scenarioName,
          creator: 'OneMap',
          keywords: feed.exercise ? 'EXERCISE' : '',
        });
        doc.addImage(sheet, 'PNG', 0, 0, w, h, undefined, 'FAST');
        download(doc.output('blob'), `${name}.pdf`);
      }
    } catch (e) {
      setProblem(t('export.failed', { reason: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="export-controls" data-testid="export-controls">
      <legend>{t('export.title')}</legend>
      <label>
        <span>{t('export.paper')}</span>
        <select
          name="paper"
          value={paper}
          onChange={(e) => setPaper(e.target.value === 'A3' ? 'A3' : 'A4')}
        >
          <option value="A4">{t('export.a4')}</option>
          <option value="A3">{t('export.a3')}</option>
        </select>
      </label>
      <div className="buttons">
        <button
          type="button"
          data-testid="export-png"
          disabled={busy}
          onClick={() => void run('png')}
        >
          {t('export.png')}
        </button>
        <button
          type="button"
          data-testid="export-pdf"
          disabled={busy}
          onClick={() => void run('pdf')}
        >
          {t('export.pdf')}
        </button>
      </div>
      {problem && <p role="alert">{problem}</p>}
    </fieldset>
  );
}
