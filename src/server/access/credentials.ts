import type { IncomingHttpHeaders } from 'node:http';
import type { KeyRing } from './keys.ts';
import { ANONYMOUS, type Principal } from './principal.ts';
import { looksLikeToken, verifyToken } from './tokens.ts';

/** What the gateway checks credentials against. */
export interface Credentials {
  /** HS256 secret of the operators' role tokens (null: no one can sign in). */
  tokenSecret: string | null;
  keys: KeyRing;
}

export type Resolved = { ok: true; principal: Principal } | { ok: false; error: string };

/**
 * The principal behind a presented secret: nothing is anonymous; a JWT is an operator's role
 * token (checked: HS256 only, signature, expiry, role); anything else must be a configured API
 * or wall key. A credential that is presented but wrong is an error, never anonymous.
 */
export async function resolveSecret(secret: string | undefined, c: Credentials): Promise<Resolved> {
  if (secret === undefined || secret === '') return { ok: true, principal: ANONYMOUS };
  if (secret.length > 4096) return { ok: false, error: 'credential too long' };
  if (looksLikeToken(secret)) {
    if (!c.tokenSecret) return { ok: false, error: 'tokens are not accepted: no TOKEN_SECRET set' };
    try {
      const claims = await verifyToken(c.tokenSecret, secret);
      return { ok: true, principal: { kind: 'operator', ...claims } };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }
  const key = c.keys.find(secret);
  if (!key) return { ok: false, error: 'unknown key' };
  return {
    ok: true,
    principal: 'api' in key ? { kind: 'key', key: key.api } : { kind: 'wall', wall: key.wall },
  };
}

/**
 * The secret an HTTP request presents: `Authorization: Bearer …` or `x-api-key: …` (not both,
 * not another scheme). A string is an error to answer with.
 */
export function presentedSecret(headers: IncomingHttpHeaders): string | undefined | Error {
  const header = headers['x-api-key'];
  const apiKey = Array.isArray(header) ? null : header;
  if (apiKey === null) return new Error('send one x-api-key header');
  const authorization = headers.authorization;
  if (authorization === undefined) return apiKey;
  const bearer = /^Bearer +(\S+)$/i.exec(authorization)?.[1];
  if (!bearer) return new Error('Authorization must be "Bearer <token or key>"');
  if (apiKey !== undefined && apiKey !== bearer)
    return new Error('send the key once: x-api-key or Authorization, not two different ones');
  return bearer;
}
