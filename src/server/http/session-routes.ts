import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { signToken } from '../auth.ts';
import type { Rejections } from '../metrics.ts';
import { passwordMatches, type Operator } from '../operators.ts';
import { BadRequest, Unauthorized } from './errors.ts';

const SignIn = z.object({
  name: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
});

/** A console session lasts a duty shift. */
export const SESSION_SECONDS = 12 * 3600;
const FAILURES_PER_MINUTE = 5;

/**
 * `POST /api/session {name, password}` → a role token for the socket. Wrong names and wrong
 * passwords get the same answer; more than five failures a minute from one address are refused.
 */
export function sessionRoutes(
  app: FastifyInstance,
  operators: readonly Operator[],
  secret: string | null,
  rejections: Rejections,
): void {
  const failures = new Map<string, number[]>();
  app.post('/api/session', async (req, reply) => {
    const now = Date.now();
    const recent = (failures.get(req.ip) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= FAILURES_PER_MINUTE) {
      rejections.count('session', 'too many attempts');
      return reply
        .code(429)
        .send({ code: 'TooManyRequests', description: 'too many failed sign-ins: wait a minute' });
    }
    if (!secret) throw new Unauthorized('sign-in is off: the gateway has no TOKEN_SECRET');
    const body = SignIn.safeParse(req.body);
    if (!body.success) throw new BadRequest(z.prettifyError(body.error));
    const operator = operators.find((o) => o.name === body.data.name);
    if (!operator || !passwordMatches(operator, body.data.password)) {
      failures.set(req.ip, [...recent, now]);
      rejections.count('session', 'wrong name or password');
      throw new Unauthorized('wrong name or password');
    }
    const token = await signToken(secret, operator.name, operator.role, SESSION_SECONDS);
    return {
      token,
      name: operator.name,
      role: operator.role,
      expiresAt: new Date(now + SESSION_SECONDS * 1000).toISOString(),
    };
  });
}
