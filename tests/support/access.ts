import { signToken } from '../../src/server/access/tokens.ts';
import type { Role } from '../../src/shared/protocol/index.ts';

/** The role-token secret every test gateway gets unless the test sets its own. */
export const TEST_SECRET = 'test-token-secret-that-is-long-enough-0123';

/** `Authorization` for a signed-in person (a viewer account unless said), for routes that need one. */
export async function signedIn(
  role: Role = 'viewer',
  secret = TEST_SECRET,
): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signToken(secret, `test-${role}`, role, 600)}` };
}

/** `fetch` as a signed-in viewer (JSON body parsed by the caller). */
export async function fetchSignedIn(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    ...init,
    headers: { ...(await signedIn()), ...(init.headers as Record<string, string> | undefined) },
  });
}
