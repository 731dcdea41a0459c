import type { PlanDraft, ScenarioId, Session } from '../../../shared/protocol/index.ts';
import type { Hazard } from '../../../shared/transfer/hazard-area.ts';
import type { PlanJobResult } from '../../../shared/transfer/plan-job.ts';
import { apiFetch } from '../../api/read-api.ts';

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
  const res = await apiFetch(`/api/scenarios/${scenario}/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify(draft),
  });
  const body = (await res.json().catch(() => ({}))) as { version?: number; description?: string };
  if (!res.ok || body.version === undefined)
    throw new Error(body.description ?? `${res.status} ${res.statusText}`);
  return body.version;
}
