import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Audience } from '../../shared/protocol/index.ts';
import type { Noise } from '../security/noise.ts';
import type { AuditGate } from './audit-gate.ts';
import { presentedSecret, resolveSecret, type Credentials } from './credentials.ts';
import { ANONYMOUS, audienceOf, type Principal } from './principal.ts';
import { AUDIT_NAMES, accessOf, refusal, type Access, type ReadAccess } from './route-access.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking (set before any handler runs). */
    principal: Principal;
    /** Why the credential presented was not accepted (a public route goes on as anonymous). */
    credentialError: string | null;
  }
}

export interface GuardOptions {
  credentials: Credentials;
  readAccess: ReadAccess;
  audit: AuditGate;
  noise: Noise;
  /** Files of the built app (served to anyone: the code is not the data). */
  isAppFile: (url: string) => boolean;
}

export interface GuardedRoute {
  method: string;
  url: string;
  access: Access;
}

/** The audience the request's principal is shaped for. */
export const audienceOfRequest = (req: FastifyRequest): Audience => audienceOf(req.principal);

/**
 * Every route gets its class from the route table when it is registered (a route without one
 * stops start-up); every request is authenticated and checked against its route's class before
 * its handler runs. Answers that depend on who asks are never cached by shared caches.
 * Returns the registered routes (the authorisation test is generated from them).
 */
export function guardRoutes(app: FastifyInstance, o: GuardOptions): readonly GuardedRoute[] {
  const routes: GuardedRoute[] = [];
  const classes = new Map<string, Access>();
  // Decorated empty (fastify refuses a shared object); every request sets its own first thing.
  app.decorateRequest<Principal, 'principal'>('principal', null as unknown as Principal);
  app.decorateRequest('credentialError', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const access = o.isAppFile(route.url) ? 'public' : accessOf(method, route.url);
      if (!access)
        throw new Error(
          `route ${method} ${route.url} has no access class: add it to ROUTE_ACCESS (src/server/access/route-access.ts)`,
        );
      classes.set(`${method} ${route.url}`, access);
      routes.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    req.principal = ANONYMOUS;
    req.credentialError = null;
    const url = req.routeOptions.url;
    // Unknown paths (a JSON 404, or the app for its client-side routes) reveal nothing; a route
    // missing from the table cannot exist (start-up refuses it), and would be closed if it did.
    const access =
      url === undefined ? 'public' : (classes.get(`${req.method} ${url}`) ?? 'signed-in');
    const secret = presentedSecret(req.headers);
    const resolved =
      secret instanceof Error
        ? { ok: false as const, error: secret.message }
        : await resolveSecret(secret, o.credentials);
    if (!resolved.ok) {
      // A public route does not care who asks: a stale token does not lock anyone out of it.
      if (access === 'public') {
        req.credentialError = resolved.error;
        return;
      }
      o.noise.record('access', 'bad credentials', req.ip);
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ code: 'Unauthorized', description: resolved.error });
    }
    req.principal = resolved.principal;
    const refused = refusal(access, req.principal, o.readAccess);
    if (!refused) return;
    o.audit.refused(req.principal, 'access', `${refused.status} ${access}`, req.ip, (who) => ({
      time: new Date().toISOString(),
      ...who,
      command: AUDIT_NAMES[`${req.method} ${url ?? ''}`] ?? `${req.method} ${url ?? req.url}`,
      scenario: null,
      target: null,
      outcome: 'refused',
      detail: refused.error,
      reason: null,
      before: null,
      after: null,
      seq: null,
    }));
    const code = refused.status === 401 ? 'Unauthorized' : 'Forbidden';
    return reply.code(refused.status).send({ code, description: refused.error });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    const access = url === undefined ? 'public' : classes.get(`${req.method} ${url}`);
    if (access === undefined || access === 'public') return payload;
    // The answer depends on who asked (audience, role): shared caches must not keep it.
    void reply.header('vary', 'Authorization, x-api-key');
    const cache = reply.getHeader('cache-control');
    if (typeof cache === 'string' && cache.includes('public'))
      void reply.header('cache-control', cache.replace('public', 'private'));
    return payload;
  });
  return routes;
}
