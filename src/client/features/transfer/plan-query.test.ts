import { describe, expect, it } from 'vitest';
import type { FeedEvent, TransferPlan, TransferProgress } from '../../../shared/protocol/index.ts';
import { applyPlanEvent, type PlanState } from './plan-query.ts';

const plan = (id: string) => ({ id, version: 1 }) as TransferPlan;
const progress = (planId: string, village: string, moved: number) =>
  ({ planId, village, moved, status: 'moving' }) as TransferProgress;
const event = (type: 'plan:publish' | 'plan:progress', payload: unknown) =>
  ({ seq: 1, time: '', scenario: 'erqi', type, payload }) as FeedEvent;

describe('plan events during a replay', () => {
  it('apply as the gateway applies them: a new plan starts afresh, progress of another plan is ignored', () => {
    let s: PlanState = { plan: null, progress: [] };
    s = applyPlanEvent(s, event('plan:publish', plan('P1')));
    s = applyPlanEvent(s, event('plan:progress', progress('P1', 'v1', 10)));
    s = applyPlanEvent(s, event('plan:progress', progress('P1', 'v1', 30)));
    s = applyPlanEvent(s, event('plan:progress', progress('OLD', 'v2', 99)));
    expect(s.progress.map((p) => [p.village, p.moved])).toEqual([['v1', 30]]);
    s = applyPlanEvent(s, event('plan:publish', plan('P2')));
    expect(s).toEqual({ plan: plan('P2'), progress: [] });
  });
});
