import type { PlanDraft, ScenarioId, Session } from '../../../shared/protocol/index.ts';
import type { Hazard } from '../../../shared/transfer/hazard-area.ts';
import type { PlanJobResult } from '../../../shared/transfer/plan-job.ts';
import { postPlan } from '../../api/plan-writes.ts';

/** Sends a plan to the gateway; resolves to its version, or rejects with the gateway's reason. */
export async function publishPlan(
  session: Session,
  scenario: ScenarioId,
  hazard: Hazard,
  result: PlanJobResult,
): Promise<number> {
  const draft: PlanDraft = {
    scenario,
    hazardId: hazard.id,
    hazardName: hazard.name,
    assignments: result.plan.assignments.map((a) => ({
      village: a.village,
      shelter: a.shelter,
      people: a.people,
      vulnerable: a.vulnerable,
      seconds: Math.round(a.seconds),
    })),
    unplaced: result.plan.unplaced.map((u) => ({ village: u.village, people: u.people })),
  };
  return postPlan(session, draft);
}
