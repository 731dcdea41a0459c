import { useTranslation } from 'react-i18next';
import { clockCst as clock } from '../../shared/time.ts';
import { useClock } from '../state/use-today.ts';
import { REBUILT_NOTICE_MS, type FeedState } from './feed-client.ts';

/**
 * LIVE / RECONNECTING / STALE since hh:mm:ss, how many updates were caught up, and — for a
 * while after it — that the picture was rebuilt because the gateway's log changed under it.
 */
export function ConnectionBanner({ feed }: { feed: FeedState }) {
  const { t } = useTranslation();
  const now = useClock(feed.rebuiltAt !== null, 5_000);
  const rebuilt = feed.rebuiltAt !== null && now - feed.rebuiltAt < REBUILT_NOTICE_MS;
  return (
    <div
      className={`connection ${feed.status}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
    >
      <span className="dot" />
      {feed.status === 'live' && t('live.live')}
      {feed.status === 'connecting' && t('live.connecting')}
      {feed.status === 'reconnecting' && t('live.reconnecting', { time: clock(feed.since) })}
      {feed.status === 'stale' && t('live.stale', { time: clock(feed.since) })}
      {feed.status === 'live' && feed.replayed > 0 && (
        <span className="replayed">{t('live.replayed', { count: feed.replayed })}</span>
      )}
      {rebuilt && feed.rebuiltAt !== null && (
        <span className="rebuilt" data-testid="connection-rebuilt">
          {t('live.rebuilt', { time: clock(feed.rebuiltAt) })}
        </span>
      )}
    </div>
  );
}

/**
 * Across the top while the gateway's log refuses writes (a full disk): nothing new can be saved
 * — commands fail — though nothing saved is lost. The duty officer must know before a dispatch
 * fails, and whom to call.
 */
export function LogFullAlarm({ feed }: { feed: FeedState }) {
  const { t } = useTranslation();
  if (feed.logFullSince === null) return null;
  return (
    <div className="log-full-alarm" role="alert" data-testid="log-full">
      {t('live.logFull', { time: clock(feed.logFullSince) })}
    </div>
  );
}

/** Across the whole map while the feed is a simulation: nobody mistakes a drill for reality. */
export function ExerciseWatermark() {
  return (
    <div className="exercise-watermark" aria-hidden="true">
      演练 · EXERCISE
    </div>
  );
}

/** Over everything when the picture is stale: old data is never shown as live. */
export function StaleCover({ feed, screens = 1 }: { feed: FeedState; screens?: number }) {
  const { t } = useTranslation();
  if (feed.status !== 'stale') return null;
  const text = t('live.staleCover', { time: clock(feed.since) });
  // On a tiled wall every screen says it (a sentence across a bezel reads as two).
  return (
    <div className={`stale-cover${screens > 1 ? ' tiled' : ''}`} role="alert">
      {screens > 1 ? Array.from({ length: screens }, (_, i) => <p key={i}>{text}</p>) : text}
    </div>
  );
}
