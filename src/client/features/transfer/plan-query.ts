import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  TransferPlan,
  TransferProgress,
  type FeedEvent,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { useReplaying } from '../../live/replay-store.ts';
import { apiFetch } from '../../api/read-api.ts';

/** The plan in force and each village's progress in it. */
export interface PlanState {
  plan: TransferPlan | null;
  progress: TransferProgress[];
}

export function currentPlanQuery(scenario: ScenarioId) {
  return queryOptions({
    // Invalidated by the feed client on every plan event.
    queryKey: ['plan', scenario],
    queryFn: async ({ signal }): Promise<PlanState> => {
      const res = await apiFetch(`/api/scenarios/${scenario}/plans/current`, { signal });
      if (!res.ok) throw new Error(`plan: ${res.status}`);
      const body = (await res.json()) as { plan: unknown; progress: unknown };
      return {
        plan: body.plan === null ? null : TransferPlan.parse(body.plan),
        progress: TransferProgress.array().parse(body.progress),
      };
    },
  });
}

/** The plan as it stood at the replayed moment: written by the replay player, never fetched. */
export function replayPlanQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['replay', scenario, 'plan'],
    staleTime: Infinity,
    queryFn: (): Promise<PlanState> =>
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

/** A plan event played onto a plan state, as the gateway's live state applies it. */
export function applyPlanEvent(state: PlanState, e: FeedEvent): PlanState {
  if (e.type === 'plan:publish') return { plan: e.payload, progress: [] };
  if (e.type !== 'plan:progress' || e.payload.planId !== state.plan?.id) return state;
  const progress = state.progress.filter((p) => p.village !== e.payload.village);
  return { ...state, progress: [...progress, e.payload] };
}
