import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface HeaderOptions {
  /** Served over TLS (built in or by the proxy in front): HSTS is sent. */
  tls: boolean;
  /**
   * Origins the pages may load from besides the gateway (an intranet tile server's style and
   * tiles, cameras' streams on another host).
   */
  sources: readonly string[];
  /** Who may frame the console (a video-conference portal showing the briefing); default none. */
  frameAncestors: readonly string[];
}

/**
 * Security headers on every answer (helmet): a Content Security Policy with no inline or
 * evaluated script, so an injected string cannot run as code; no framing by other sites
 * (clickjacking); `nosniff`; no Referer, so a wall's key in its URL never leaves the page; HSTS
 * when served over TLS.
 */
export async function securityHeaders(app: FastifyInstance, o: HeaderOptions): Promise<void> {
  const sources = [...o.sources];
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and MapLibre set styles through the DOM; the printed sheet carries a <style>.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...sources],
        fontSrc: ["'self'", 'data:'],
        // The socket is same-origin (ws: or wss:, which 'self' covers); tiles may be elsewhere.
        connectSrc: ["'self'", ...sources],
        mediaSrc: ["'self'", 'blob:', ...sources],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: o.frameAncestors.length > 0 ? [...o.frameAncestors] : ["'none'"],
      },
    },
    hsts: o.tls ? { maxAge: 180 * 86_400, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    // Tiles and streams from an intranet host would be blocked by COEP; same-origin resources only.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Browsers ignore (and warn about) COOP and Origin-Agent-Cluster on plain HTTP.
    crossOriginOpenerPolicy: o.tls,
    originAgentCluster: o.tls,
  });
}
