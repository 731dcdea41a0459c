import { useTranslation } from 'react-i18next';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import { AuditButton } from '../features/audit/audit-button.tsx';
import type { BasemapState } from '../features/basemap/use-basemap.ts';
import { ExportButton } from '../features/briefing/export-button.tsx';
import { DataAdminButton } from '../features/data-admin/data-admin-button.tsx';
import { Alarm } from '../features/incidents/alarm.tsx';
import { ReplayButton } from '../features/replay/replay-bar.tsx';
import { SearchBox } from '../features/search/search-box.tsx';
import type { SearchEntry } from '../features/search/search-index.ts';
import { SignIn } from '../features/session/sign-in.tsx';
import { useScenarioName } from '../data/scenarios.ts';
import type { FeedState } from '../live/feed-client.ts';
import { ViewPickers } from './view-pickers.tsx';

/** The console's top bar: where it is, search, the view's pickers and the duty tools. */
export function TopBar({
  scenario,
  basemap,
  feed,
  planning,
  briefing,
  onSearch,
  onPlanning,
  onAbout,
}: {
  scenario: ScenarioId;
  basemap: BasemapState;
  feed: FeedState;
  /** The transfer planner is open. */
  planning: boolean;
  /** A briefing is open (it has its own export). */
  briefing: boolean;
  onSearch: (e: SearchEntry) => void;
  onPlanning: (on: boolean) => void;
  onAbout: () => void;
}) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <h1>
        <span className="brand">{t('app.title')}</span>
        <span className="subtitle">{useScenarioName(scenario)}</span>
      </h1>
      <SearchBox key={scenario} scenario={scenario} onPick={onSearch} />
      <div className="controls">
        <ViewPickers basemap={basemap} />
        <button
          type="button"
          data-testid="transfer-button"
          aria-pressed={planning}
          onClick={() => onPlanning(!planning)}
        >
          {t('transfer.button')}
        </button>
        <ReplayButton scenario={scenario} />
        {!briefing && <ExportButton feed={feed} />}
        <button type="button" onClick={onAbout}>
          {t('about.button')}
        </button>
        <Alarm scenario={scenario} />
        <SignIn
          tools={(s) => (
            <>
              <AuditButton session={s} />
              <DataAdminButton session={s} scenario={scenario} />
            </>
          )}
        />
      </div>
    </header>
  );
}
