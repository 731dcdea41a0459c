import { useTranslation } from 'react-i18next';
import type { BasemapState } from '../features/basemap/use-basemap.ts';
import {
  ConnectionBanner,
  ExerciseWatermark,
  LogFullAlarm,
  StaleCover,
} from '../live/connection-banner.tsx';
import type { FeedState } from '../live/feed-client.ts';

/**
 * What the console says over its map: loading, basemap trouble and its credit, data that failed
 * to load (with retry), bad link parameters, the synthetic-data badge, the feed's state, the
 * exercise watermark and the stale-data cover (the last two stand aside during a replay).
 */
export function MapBanners({
  loading,
  basemap,
  loadError,
  onRetry,
  problems,
  feed,
  replaying,
  synthetic,
}: {
  loading: boolean;
  basemap: BasemapState;
  loadError: string | null;
  onRetry: () => void;
  problems: readonly string[];
  feed: FeedState;
  replaying: boolean;
  /** Some of the jurisdiction's data is generated (its manifest says which). */
  synthetic: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {loading && <div className="banner">{t('app.loading')}</div>}
      {basemap.error && (
        <div className="banner warn" role="status" data-testid="basemap-error">
          {t('basemap.failed', { reason: basemap.error })}
        </div>
      )}
      {basemap.spec?.attribution && (
        <div className="basemap-credit">{basemap.spec.attribution}</div>
      )}
      {loadError && (
        <div className="banner error" role="alert">
          {t('app.loadFailed', { reason: loadError })}
          <button type="button" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {problems.map((p) => (
        <div key={p} className="banner warn" role="status">
          {t('app.badParam', { reason: p })}
        </div>
      ))}
      {synthetic && <div className="synthetic-badge">{t('about.generated')}</div>}
      {!replaying && <ConnectionBanner feed={feed} />}
      <LogFullAlarm feed={feed} />
      {feed.exercise && <ExerciseWatermark />}
      {!replaying && <StaleCover feed={feed} />}
    </>
  );
}
