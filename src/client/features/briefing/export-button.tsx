import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedState } from '../../live/feed-client.ts';
import { ExportControls } from './export-controls.tsx';
import './briefing.css';

/** 导出 in the console's top bar: the current view as PNG or PDF without opening a briefing. */
export function ExportButton({ feed }: { feed: FeedState }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="export-button">
      <button
        type="button"
        data-testid="export-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('export.button')}
      </button>
      {open && (
        <div className="export-popover" role="dialog" aria-label={t('export.title')}>
          <ExportControls feed={feed} title="" />
        </div>
      )}
    </div>
  );
}
