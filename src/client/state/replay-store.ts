import { useSyncExternalStore } from 'react';

export interface ReplayState {
  /** The console shows the past: live collections come from the replay, not the feed. */
  active: boolean;
  /** The moment shown (ms). */
  at: number;
  /** The last logged event applied to the replay data. */
  seq: number;
  playing: boolean;
  /** Replay seconds per real second. */
  speed: number;
}

const OFF: ReplayState = { active: false, at: 0, seq: 0, playing: false, speed: 60 };

/**
 * Whether the console is in replay, and where: one small store outside React so that the data
 * layer (which collection cache to read) and the player agree without prop drilling.
 */
class ReplayStore {
  private state: ReplayState = OFF;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): ReplayState => this.state;

  isActive = (): boolean => this.state.active;

  set(patch: Partial<ReplayState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  reset(): void {
    this.set({ ...OFF, speed: this.state.speed });
  }
}

export const replayStore = new ReplayStore();

export function useReplayState(): ReplayState {
  return useSyncExternalStore(replayStore.subscribe, replayStore.get);
}

/** True while the console shows the past (alarms, commands and live positions stand aside). */
export function useReplaying(): boolean {
  return useSyncExternalStore(replayStore.subscribe, replayStore.isActive);
}
