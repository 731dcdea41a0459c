import { PlanPublished, type PlanDraft, type Session } from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { writeJson } from './write-json.ts';

/** Publishes a transfer plan; resolves to its version, or rejects with the gateway's reason. */
export async function postPlan(session: Session, draft: PlanDraft): Promise<number> {
  const body = await writeJson('POST', `/api/scenarios/${draft.scenario}/plans`, session, draft);
  const done = PlanPublished.safeParse(body);
  if (!done.success) throw new ApiError(0, 'the gateway did not say which version it published');
  return done.data.version;
}
