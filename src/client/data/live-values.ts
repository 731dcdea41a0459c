import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  rollOf,
  type BriefingState,
  type PlanState,
  type RollState,
} from '../../shared/live/index.ts';
import type { ScenarioId, WallState } from '../../shared/protocol/index.ts';
import { fetchBriefing, fetchPlanInForce, fetchWallState } from '../api/live-reads.ts';
import { fetchRoll } from '../api/roll-reads.ts';
import { useReplaying } from '../state/replay-store.ts';

/** A live value as the console holds it: the value and the feed event it reflects. */
export type Versioned<T> = T & { seq: number };

/** The plan in force and each village's progress; kept current by the feed (`plan:*`). */
export function currentPlanQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['plan', scenario],
    staleTime: Infinity,
    queryFn: ({ signal }): Promise<Versioned<PlanState>> => fetchPlanInForce(scenario, signal),
  });
}

/** The plan as it stood at the replayed moment: written by the replay player, never fetched. */
export function replayPlanQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['replay', scenario, 'plan'],
    staleTime: Infinity,
    queryFn: (): Promise<Versioned<PlanState>> =>
      Promise.reject(new Error('replay data comes from the replay player')),
    enabled: false,
  });
}

/** The plan in force — the past one while the console replays. */
export function usePlanInForce(scenario: ScenarioId, enabled = true) {
  const replaying = useReplaying();
  const live = useQuery({ ...currentPlanQuery(scenario), enabled: enabled && !replaying });
  const past = useQuery(replayPlanQuery(scenario));
  return replaying ? past : live;
}

/** What the operator console asks of the walls; kept current by the feed (`wall:state`). */
export function wallStateQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['wall', scenario],
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<Versioned<WallState>> => {
      const { seq, wall } = await fetchWallState(scenario, signal);
      return { ...wall, seq };
    },
  });
}

/** What the briefing's presenter shows and the saved scenes; kept current by `briefing:*`. */
export function briefingQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['briefing', scenario],
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<Versioned<BriefingState>> => {
      const { seq, briefing, scenes } = await fetchBriefing(scenario, signal);
      return { seq, presented: briefing, scenes };
    },
  });
}

/**
 * 点名: who of the registers has been accounted for; kept current by the feed (`checkin:arrive`).
 * Names and places of people: fetched only for a reader cleared to see them.
 */
export function rollQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['roll', scenario],
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<Versioned<RollState>> => {
      const { seq, checkins } = await fetchRoll(scenario, signal);
      return { ...rollOf(checkins), seq };
    },
  });
}
