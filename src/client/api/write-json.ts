import type { Session } from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { apiFetch } from './read-api.ts';

/**
 * Sends a JSON body as the signed-in operator; resolves to the answer's body, or rejects with
 * the gateway's reason (its `description`), so a refusal reads as the gateway wrote it.
 */
export async function writeJson(
  method: 'POST' | 'PUT',
  url: string,
  session: Session,
  body: unknown,
): Promise<unknown> {
  const res = await apiFetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify(body),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const why = (answer as { description?: unknown } | null)?.description;
    throw new ApiError(
      res.status,
      typeof why === 'string' ? why : `${res.status} ${res.statusText}`,
    );
  }
  return answer;
}
