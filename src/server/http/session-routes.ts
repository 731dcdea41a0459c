import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WhoAmI } from '../../shared/protocol/index.ts';
import { audienceOf, nameOf, roleOf } from '../access/principal.ts';
import { refusal, type ReadAccess } from '../access/route-access.ts';
import { signToken } from '../access/tokens.ts';
import type { Noise } from '../security/noise.ts';
import { passwordMatches, type Operator } from '../operators.ts';
import { BadRequest, Unauthorized } from './errors.ts';

const SignIn = z.object({
  name: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
});

/** A console session lasts a duty shift. */
export const SESSION_SECONDS = 12 * 3600;
/** Failed sign-ins a minute from one address (a desk, or the balancer's client with TRUST_PROXY). */
const FAILURES_PER_ADDRESS = 10;
/** Failed sign-ins a minute for one name, from anywhere (a guesser spread over many machines). */
const FAILURES_PER_NAME = 5;

/** Failures in the last minute per key, bounded in size (a flood of names cannot grow it). */
class FailureWindow {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly max: number) {}

  recent(key: string, now: number): number {
    const t = (this.times.get(key) ?? []).filter((x) => now - x < 60_000);
    if (t.length === 0) this.times.delete(key);
    else this.times.set(key, t);
    return t.length;
  }

  fail(key: string, now: number): void {
    if (!this.times.has(key) && this.times.size >= 10_000) {
      // Forget the oldest key: a flood of made-up names must not eat memory.
      const oldest = this.times.keys().next().value;
      if (oldest !== undefined) this.times.delete(oldest);
    }
    this.times.set(key, [...(this.times.get(key) ?? []), now].slice(-this.max));
  }
}

/**
 * `POST /api/session {name, password}` (JSON only: a form posted from another site is refused)
 * → a role token for the socket and the read API. Wrong names and wrong passwords get the same
 * answer after the same work; more than 10 failures a minute from one address, or 5 for one
 * name, are refused for the rest of that minute.
 */
export function sessionRoutes(
  app: FastifyInstance,
  operators: readonly Operator[],
  secret: string | null,
  noise: Noise,
  readAccess: ReadAccess,
): void {
  // Who the gateway takes the caller for, and what that means (the console asks before it opens).
  app.get('/api/whoami', async (req): Promise<WhoAmI> => {
    const p = req.principal;
    return {
      kind: p.kind,
      name: p.kind === 'anonymous' ? null : nameOf(p),
      role: roleOf(p),
      audience: audienceOf(p),
      canRead: refusal('read', p, readAccess) === null,
      readAccess,
      credentialError: req.credentialError,
    };
  });

  const byAddress = new FailureWindow(FAILURES_PER_ADDRESS);
  const byName = new FailureWindow(FAILURES_PER_NAME);
  app.post('/api/session', async (req, reply) => {
    const now = Date.now();
    const tooMany = (why: string) => {
      noise.record('session', 'too many attempts', req.ip);
      return reply.code(429).send({ code: 'TooManyRequests', description: why });
    };
    if (byAddress.recent(req.ip, now) >= FAILURES_PER_ADDRESS)
      return tooMany('too many failed sign-ins from this address: wait a minute');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      noise.record('session', 'not json', req.ip);
      return reply
        .code(415)
        .send({ code: 'UnsupportedMediaType', description: 'send {name, password} as JSON' });
    }
    if (!secret) throw new Unauthorized('sign-in is off: the gateway has no TOKEN_SECRET');
    const body = SignIn.safeParse(req.body);
    if (!body.success) throw new BadRequest(z.prettifyError(body.error));
    const { name, password } = body.data;
    if (byName.recent(name, now) >= FAILURES_PER_NAME)
      return tooMany(`too many failed sign-ins for ${name}: wait a minute`);
    const operator = operators.find((o) => o.name === name) ?? null;
    // The same scrypt for an unknown name (null) as for a known one.
    const matches = await passwordMatches(operator, password);
    if (!matches || !operator) {
      byAddress.fail(req.ip, now);
      byName.fail(name, now);
      noise.record('session', 'wrong name or password', req.ip);
      throw new Unauthorized('wrong name or password');
    }
    const token = await signToken(secret, name, operator.role, SESSION_SECONDS);
    return {
      token,
      name,
      role: operator.role,
      expiresAt: new Date(now + SESSION_SECONDS * 1000).toISOString(),
    };
  });
}
