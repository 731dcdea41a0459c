import { useState } from 'react';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import { useTransfer } from '../features/transfer/use-transfer.ts';

/**
 * The transfer planner: open when the officer opens it, and also when a new warning has had a
 * draft plan prepared — until that draft's panel is closed.
 */
export function usePlanning(scenario: ScenarioId, scale: number) {
  const [planningOn, setPlanningOn] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [autoDraft, setAutoDraft] = useState<string | null>(null);
  const planning = planningOn || (autoDraft !== null && autoDraft !== dismissed);
  const setPlanning = (on: boolean) => {
    setPlanningOn(on);
    if (!on) setDismissed(autoDraft);
  };
  const transfer = useTransfer(scenario, planning, scale);
  // Derived from the hook's output during render (React's pattern for state that follows props).
  if (transfer.drafted !== autoDraft) setAutoDraft(transfer.drafted);
  return { planning, setPlanning, transfer };
}
