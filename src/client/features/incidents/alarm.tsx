import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  severityRank,
  type ScenarioId,
  type SeverityLevel,
} from '../../../shared/protocol/index.ts';
import { useCollection } from '../../data/collections.ts';
import { useReplaying } from '../../state/replay-store.ts';

/** Two short tones, like a dispatch console; Web Audio needs no sound file. */
function beep(context: AudioContext): void {
  for (const [at, hz] of [
    [0, 880],
    [0.25, 660],
  ] as const) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.25, context.currentTime + at);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + at + 0.22);
    osc.connect(gain).connect(context.destination);
    osc.start(context.currentTime + at);
    osc.stop(context.currentTime + at + 0.23);
  }
}

/**
 * New incidents at or above `threshold` that nobody has acknowledged yet (still "reported"), and
 * 水雨情 rule firings nobody has acknowledged: the count is always on screen and flashes; while any stand, a tone repeats every few seconds
 * unless muted (the mute is visible).
 */
export function Alarm({
  scenario,
  threshold = 'II',
}: {
  scenario: ScenarioId;
  threshold?: SeverityLevel;
}) {
  const { t } = useTranslation();
  const incidents = useCollection(scenario, 'incidents');
  const firings = useCollection(scenario, 'firings');
  // The past's unacknowledged incidents are not today's alarm.
  const replaying = useReplaying();
  const [muted, setMuted] = useState(false);
  const audio = useRef<AudioContext | null>(null);
  // A browser starts sound only after a gesture on the page: a console reloaded on its own (a
  // new version, a wall at dawn) would ring silently. Until a click or key, it says so.
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    let context: AudioContext;
    try {
      context = new AudioContext();
    } catch {
      return; // No audio device (a wall without speakers): the flashing count still shows.
    }
    audio.current = context;
    const check = () => setBlocked(context.state === 'suspended');
    context.addEventListener('statechange', check);
    check();
    const unlock = () => void context.resume();
    document.addEventListener('pointerdown', unlock, true);
    document.addEventListener('keydown', unlock, true);
    return () => {
      document.removeEventListener('pointerdown', unlock, true);
      document.removeEventListener('keydown', unlock, true);
      context.removeEventListener('statechange', check);
      void context.close();
      audio.current = null;
    };
  }, []);
  const pending = useMemo(
    () =>
      (incidents.data?.entities ?? []).filter(
        (i) =>
          !replaying &&
          i.status === 'reported' &&
          severityRank(i.severity) <= severityRank(threshold),
      ).length,
    [incidents.data, threshold, replaying],
  );
  // 水雨情 rule firings ring too until a duty officer acknowledges them (提示 only informs).
  const pendingFirings = useMemo(
    () =>
      replaying
        ? 0
        : (firings.data?.entities ?? []).filter((f) => f.level !== 'info' && !f.acknowledgedAt)
            .length,
    [firings.data, replaying],
  );
  const ringing = pending + pendingFirings;
  useEffect(() => {
    if (ringing === 0 || muted) return;
    const ring = () => {
      const context = audio.current;
      if (!context) return;
      if (context.state === 'suspended') void context.resume();
      try {
        beep(context);
      } catch {
        // A device gone since: the flashing count still shows.
      }
    };
    ring();
    const timer = setInterval(ring, 5_000);
    return () => clearInterval(timer);
  }, [ringing, muted]);

  return (
    <div className={ringing > 0 ? 'alarm active' : 'alarm'} data-testid="alarm" role="status">
      <span>{t('alarm.pending', { count: pending })}</span>
      {pendingFirings > 0 && (
        <span data-testid="alarm-firings">{t('alarmFirings', { count: pendingFirings })}</span>
      )}
      <button
        type="button"
        aria-pressed={muted}
        onClick={() => setMuted((m) => !m)}
        title={muted ? t('alarm.unmute') : t('alarm.mute')}
      >
        {muted ? t('alarm.muted') : t('alarm.sound')}
      </button>
      {blocked && !muted && (
        <button
          type="button"
          className="enable-sound"
          data-testid="alarm-enable-sound"
          onClick={() => void audio.current?.resume()}
        >
          {t('alarm.enableSound')}
        </button>
      )}
    </div>
  );
}
