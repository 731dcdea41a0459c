import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Audience, WhoAmI } from '../../shared/protocol/index.ts';
import { credential } from './credential.ts';
import { fetchWhoAmI } from './read-api.ts';
import { useSession } from './session.ts';

/** Who the gateway takes this tab for; asked again whenever the credential changes. */
export function whoAmIQuery(key: string | null) {
  return queryOptions({
    queryKey: ['whoami', key],
    staleTime: 60_000,
    queryFn: ({ signal }) => fetchWhoAmI(signal),
  });
}

export function useWhoAmI(): WhoAmI | undefined {
  // Re-rendered by a sign-in or out, so the query key follows the credential.
  useSession();
  return useQuery(whoAmIQuery(credential())).data;
}

/**
 * The audience this tab's answers are shaped for: `full` (people and operations) or `public`.
 * Until the gateway has answered, assume public: nothing asks for what it may not get.
 */
export function useAudience(): Audience {
  return useWhoAmI()?.audience ?? 'public';
}
