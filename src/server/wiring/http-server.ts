import proxyAddr from '@fastify/proxy-addr';
import Fastify, { type FastifyInstance } from 'fastify';
import { clientErrorHandler, replyToErrors } from '../http/errors-reply.ts';
import type { Rejections } from '../metrics.ts';
import { securityHeaders } from '../security/headers.ts';
import { hostAllowlist } from '../security/hosts.ts';
import { Noise } from '../security/noise.ts';
import { originOf } from '../security/origins.ts';
import type { GatewayOptions } from './gateway-options.ts';

/** Who the gateway answers to: host names, browser origins, the proxies it believes. */
export interface Perimeter {
  hostAllowed: (host: string | undefined) => boolean;
  origins: ReadonlySet<string>;
  trust: ((address: string, hop: number) => boolean) | null;
}

/** The perimeter from the options; a malformed origin stops the start-up. */
export function perimeterOf(options: GatewayOptions): Perimeter {
  const trust = options.trustProxy?.length ? proxyAddr.compile([...options.trustProxy]) : null;
  const origins = new Set(
    (options.allowedOrigins ?? []).map((o) => {
      const parsed = originOf(o);
      if (!parsed) throw new Error(`ALLOWED_ORIGINS: "${o}" is not an http(s) origin`);
      return parsed;
    }),
  );
  return { hostAllowed: hostAllowlist(options.allowedHosts ?? []), origins, trust };
}

/**
 * The HTTP server with what guards every request before any route: error replies, the
 * Host allowlist (DNS rebinding), security headers. Refusals are counted in `noise`.
 */
export async function httpServer(
  options: GatewayOptions,
  perimeter: Perimeter,
  rejections: Rejections,
): Promise<{ app: FastifyInstance; noise: Noise }> {
  // Refusals are summed into one gateway log line a minute (the app's logger, made just below).
  const noise = new Noise(rejections, (line) => app.log.warn(line));
  // Typed as the plain HTTP instance: the routes do not care which server carries them.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    ...(perimeter.trust ? { trustProxy: perimeter.trust } : {}),
    // Slow or never-finished requests (slowloris) do not hold sockets forever.
    requestTimeout: 60_000,
    clientErrorHandler: clientErrorHandler(noise),
  }) as unknown as FastifyInstance;
  replyToErrors(app, rejections, noise);

  // Before anything else: a request for another host is DNS rebinding or a mistake.
  app.addHook('onRequest', async (req, reply) => {
    if (perimeter.hostAllowed(req.headers.host)) return;
    noise.record('http', 'host not allowed', req.ip);
    return reply.code(421).send({
      code: 'MisdirectedRequest',
      description: `this gateway does not answer to the host "${req.headers.host ?? ''}" (ALLOWED_HOSTS)`,
    });
  });
  await securityHeaders(app, {
    tls: Boolean(options.tls),
    // A custom basemap's style and tiles come from its own server.
    sources: [
      ...(options.contentSources ?? []),
      ...(options.tiles?.styleUrl ? [new URL(options.tiles.styleUrl).origin] : []),
    ],
    frameAncestors: options.frameAncestors ?? [],
  });
  return { app, noise };
}
