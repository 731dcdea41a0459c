import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { Role } from '../shared/protocol/index.ts';

/** Someone who may sign in to the console with a role above viewer. */
export interface Operator {
  name: string;
  role: Role;
  /** "scrypt$<salt hex>$<hash hex>" */
  secret: string;
}

/** The stored form of a password: scrypt with a random salt (never the password itself). */
export function hashPassword(password: string, salt = randomBytes(16).toString('hex')): string {
  return `scrypt$${salt}$${scryptSync(password, salt, 32).toString('hex')}`;
}

/** Stands in for an unknown name, so a wrong name costs the same scrypt as a wrong password. */
const NOBODY: Operator = {
  name: '',
  role: 'viewer',
  secret: hashPassword(randomBytes(16).toString('hex')),
};

/**
 * Whether `password` is the operator's. scrypt runs on libuv's thread pool, not the event loop
 * (the feed goes on while someone signs in), and an unknown name (null) does the same work
 * against a dummy secret and fails: timing does not tell which names exist.
 */
export async function passwordMatches(
  operator: Operator | null,
  password: string,
): Promise<boolean> {
  const [kind, salt, hex] = (operator ?? NOBODY).secret.split('$');
  if (kind !== 'scrypt' || !salt || !hex) return false;
  const expected = Buffer.from(hex, 'hex');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, expected.length, (e, key) => (e ? reject(e) : resolve(key))),
  );
  return (
    operator !== null && actual.length === expected.length && timingSafeEqual(actual, expected)
  );
}

/**
 * `OPERATORS`: comma-separated `name:role:scrypt$salt$hash` (make one with `npm run operator`).
 * A malformed entry stops the gateway with the reason rather than locking someone out quietly.
 */
export function parseOperators(spec: string): Operator[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, secret] = entry.split(':');
      const r = Role.safeParse(role);
      if (!name || !r.success || !secret?.startsWith('scrypt$'))
        throw new Error(
          `OPERATORS entry "${entry.slice(0, 40)}" must be name:role:scrypt$salt$hash`,
        );
      return { name, role: r.data, secret };
    });
}
