import { SignJWT, jwtVerify } from 'jose';
import { Role } from '../../shared/protocol/index.ts';

/** What a valid role token says: who, in which role, until when. */
export interface TokenClaims {
  subject: string;
  role: Role;
  /** Unix ms when the token stops being valid. */
  expiresAt: number;
}

const ALG = 'HS256';

/** A compact JWS: three base64url parts (how a token is told from an API key). */
export const looksLikeToken = (s: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(s);

/** Issues a signed token (HS256 JWT) for a user and role; used by sign-in, ops tooling and tests. */
export async function signToken(
  secret: string,
  subject: string,
  role: Role,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: ALG })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

/**
 * Checks signature, expiry and role; the error says which failed. Only HS256 is accepted, so a
 * token with `alg: none` or another algorithm is refused, whatever it claims.
 */
export async function verifyToken(secret: string, token: string): Promise<TokenClaims> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    algorithms: [ALG],
  }).catch((e: unknown) => {
    throw new Error(`invalid token: ${(e as Error).message}`);
  });
  const role = Role.safeParse(payload.role);
  if (!role.success) throw new Error('invalid token: it names no known role');
  if (!payload.sub || !payload.exp)
    throw new Error('invalid token: subject and expiry are required');
  return { subject: payload.sub, role: role.data, expiresAt: payload.exp * 1000 };
}
