import { session } from './session.ts';

/** A wall's key, from its link (`/wall?key=…`): walls are principals of their own. */
const wallKey: string | null =
  typeof location === 'undefined' || !location.pathname.startsWith('/wall')
    ? null
    : new URLSearchParams(location.search).get('key');

/**
 * What this tab presents to the gateway: the signed-in operator's token, else the wall's key,
 * else nothing (anonymous: what the deployment lets anyone read, shaped for the public).
 */
export function credential(): string | null {
  return session.get()?.token ?? wallKey;
}

/** The Authorization header for the gateway (never sent to another origin). */
export function authHeaders(): Record<string, string> {
  const c = credential();
  return c ? { authorization: `Bearer ${c}` } : {};
}

/** Whether a URL is the gateway's (this page's origin), so it may carry the credential. */
export function isGatewayUrl(url: string): boolean {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}
