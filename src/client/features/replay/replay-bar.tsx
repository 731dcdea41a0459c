import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import { isoCst } from '../../../shared/time.ts';
import { replayStore, useReplayState } from '../../state/replay-store.ts';
import { applyToReplay, fetchEvents, fetchRange, loadMoment } from './replay-data.ts';
import './replay.css';
import { useAudience } from '../../api/use-whoami.ts';

const SPEEDS = [1, 10, 60, 600, 3600] as const;
/** How often the player moves its clock while playing. */
const TICK_MS = 500;

const readable = (ms: number) => isoCst(ms).slice(0, 19).replace('T', ' ');

/** 回放 in the top bar: into the replay at an hour ago (or where the log begins). */
export function ReplayButton({ scenario }: { scenario: ScenarioId }) {
  const { t } = useTranslation();
  const { active } = useReplayState();
  const queries = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  // The log is operations: replay is for signed-in staff.
  const cleared = useAudience() === 'full';
  if (active || !cleared) return null;
  return (
    <button
      type="button"
      data-testid="replay-button"
      title={error ?? undefined}
      onClick={() => {
        void fetchRange(scenario)
          .then(async (range) => {
            const at = Math.max(range.from, range.to - 3_600_000);
            const seq = await loadMoment(queries, scenario, at);
            replayStore.set({ active: true, at, seq, playing: false });
            setError(null);
          })
          .catch((e: unknown) => setError((e as Error).message));
      }}
    >
      {t('replay.button')}
    </button>
  );
}

/**
 * The replay's controls, along the bottom of the map while the console shows the past: the
 * moment (China time) on a scrubber over the log, play/pause at 1×–3600×, one event at a time,
 * and back to live (no reload: the live data went on updating underneath).
 */
export function ReplayBar({ scenario }: { scenario: ScenarioId }) {
  const { t } = useTranslation();
  const state = useReplayState();
  const queries = useQueryClient();
  const range = useQuery({
    queryKey: ['replay-range', scenario],
    queryFn: () => fetchRange(scenario),
    enabled: state.active,
  }).data;
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  // Playing: every tick, the events between the shown moment and the next are applied.
  useEffect(() => {
    if (!state.active || !state.playing) return;
    const timer = setInterval(() => {
      if (busy.current) return;
      busy.current = true;
      const { at, seq, speed } = replayStore.get();
      const until = Math.min(Date.now(), at + speed * TICK_MS);
      void fetchEvents(scenario, seq, until)
        .then(({ events, more }) => {
          applyToReplay(queries, scenario, events);
          const last = events[events.length - 1];
          // With more events than a window holds, the clock stops at the last one applied.
          const reached = more && last ? Date.parse(last.time) : until;
          replayStore.set({
            at: reached,
            seq: last?.seq ?? seq,
            playing: reached < Date.now() - 1000,
          });
        })
        .catch((e: unknown) => {
          setError((e as Error).message);
          replayStore.set({ playing: false });
        })
        .finally(() => {
          busy.current = false;
        });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [state.active, state.playing, scenario, queries]);

  if (!state.active) return null;
  const jump = (at: number) => {
    replayStore.set({ playing: false });
    void loadMoment(queries, scenario, at)
      .then((seq) => replayStore.set({ at, seq }))
      .catch((e: unknown) => setError((e as Error).message));
  };
  const step = () => {
    void fetchEvents(scenario, state.seq, Date.now()).then(({ events }) => {
      const next = events[0];
      if (!next) return;
      applyToReplay(queries, scenario, [next]);
      replayStore.set({ at: Date.parse(next.time), seq: next.seq });
    });
  };
  return (
    <div
      className="replay-bar"
      data-testid="replay-bar"
      role="region"
      aria-label={t('replay.title')}
    >
      <strong className="replay-mark">{t('replay.mark')}</strong>
      <time data-testid="replay-time">{readable(state.at)}</time>
      <input
        type="range"
        name="replay-at"
        aria-label={t('replay.scrub')}
        min={range?.from ?? state.at}
        max={range?.to ?? state.at}
        step={1000}
        value={state.at}
        onChange={(e) => jump(Number(e.target.value))}
      />
      <button
        type="button"
        data-testid="replay-play"
        onClick={() => replayStore.set({ playing: !state.playing })}
      >
        {state.playing ? t('replay.pause') : t('replay.play')}
      </button>
      <button type="button" data-testid="replay-step" onClick={step} disabled={state.playing}>
        {t('replay.step')}
      </button>
      <select
        name="replay-speed"
        aria-label={t('replay.speed')}
        value={state.speed}
        onChange={(e) => replayStore.set({ speed: Number(e.target.value) })}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <button
        type="button"
        className="primary"
        data-testid="replay-exit"
        onClick={() => {
          replayStore.reset();
          queries.removeQueries({ queryKey: ['replay', scenario] });
        }}
      >
        {t('replay.exit')}
      </button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
