import { HydroRulesAnswer, type ScenarioId, type Session } from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { readJson } from './read-api.ts';
import { writeJson } from './write-json.ts';

/** The 水雨情 rules in force for a jurisdiction, and where they come from. */
export function fetchRules(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`/api/scenarios/${scenario}/rules`, HydroRulesAnswer, { signal });
}

/** Replaces the rules (admins); rejects with the gateway's reason (the rule and field named). */
export async function putRules(
  session: Session,
  scenario: ScenarioId,
  /** As the admin wrote it: the gateway is what checks it. */
  rules: unknown,
): Promise<HydroRulesAnswer> {
  const body = await writeJson('PUT', `/api/scenarios/${scenario}/rules`, session, { rules });
  const answer = HydroRulesAnswer.safeParse(body);
  if (!answer.success) throw new ApiError(0, 'the gateway did not answer with the rules in force');
  return answer.data;
}
