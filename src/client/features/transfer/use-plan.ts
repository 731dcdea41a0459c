import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanJobInput, PlanJobResult } from '../../../shared/transfer/plan-job.ts';

export type PlanState =
  | { status: 'idle' }
  | { status: 'running'; stage: string; done: number; total: number }
  | { status: 'done'; result: PlanJobResult; ms: number }
  | { status: 'error'; message: string };

type Message =
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'done'; result: PlanJobResult }
  | { type: 'error'; message: string };

/** Runs plan jobs in a Web Worker (a new run replaces one still going). */
export function usePlan(): { state: PlanState; run: (input: PlanJobInput) => void } {
  const [state, setState] = useState<PlanState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);
  const run = useCallback((input: PlanJobInput) => {
    worker.current?.terminate();
    const w = new Worker(new URL('./plan.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    const started = performance.now();
    setState({ status: 'running', stage: 'area', done: 0, total: 1 });
    w.onmessage = (e: MessageEvent<Message>) => {
      const m = e.data;
      if (m.type === 'progress') setState({ status: 'running', ...m });
      else if (m.type === 'done')
        setState({ status: 'done', result: m.result, ms: performance.now() - started });
      else setState({ status: 'error', message: m.message });
      if (m.type !== 'progress') w.terminate();
    };
    w.onerror = (e) => setState({ status: 'error', message: e.message });
    w.postMessage(input);
  }, []);
  return { state, run };
}
