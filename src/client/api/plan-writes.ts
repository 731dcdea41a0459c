import { PlanPublished, type PlanDraft, type Session } from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { apiFetch } from './read-api.ts';

/** Publishes a transfer plan; resolves to its version, or rejects with the gateway's reason. */
export async function postPlan(session: Session, draft: PlanDraft): Promise<number> {
  const res = await apiFetch(`/api/scenarios/${draft.scenario}/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify(draft),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const why = (body as { description?: unknown } | null)?.description;
    throw new ApiError(
      res.status,
      typeof why === 'string' ? why : `${res.status} ${res.statusText}`,
    );
  }
  const done = PlanPublished.safeParse(body);
  if (!done.success) throw new ApiError(0, 'the gateway did not say which version it published');
  return done.data.version;
}
