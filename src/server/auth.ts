import { SignJWT, jwtVerify } from 'jose';
import { Role } from '../shared/protocol/index.ts';

export interface Principal {
  subject: string;
  role: Role;
  /** Unix ms when the token stops being valid. */
  expiresAt: number;
}

const ALG = 'HS256';

/** Issues a signed token (HS256 JWT) for a user and role; used by ops tooling and tests. */
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

/** Checks signature, expiry and role; the error says which failed. */
export async function verifyToken(secret: string, token: string): Promise<Principal> {
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
