/// <reference lib="webworker" />
import { runPlanJob, type PlanJobInput } from '../../../shared/transfer/plan-job.ts';

/**
 * Plans off the main thread: the hazard's villages, travel times and the min-cost flow can take
 * a second at Kaifeng scale. Progress is posted at most every 50 ms.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<PlanJobInput>) => {
  let last = 0;
  try {
    const result = runPlanJob(e.data, (stage, done, total) => {
      const now = performance.now();
      if (now - last < 50 && done < total) return;
      last = now;
      scope.postMessage({ type: 'progress', stage, done, total });
    });
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    scope.postMessage({ type: 'error', message: (error as Error).message });
  }
};
