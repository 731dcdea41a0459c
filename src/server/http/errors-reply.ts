import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { ConflictError, isLogFull } from '../feed/event-store.ts';
import type { Rejections } from '../metrics.ts';
import type { Noise } from '../security/noise.ts';
import { BadRequest, Conflict, Forbidden, Gone, NotFound, Unauthorized } from './errors.ts';

/**
 * A malformed request (broken request line or headers, headers past Node's limit) never reaches a
 * route: answered 400 or 431 on the socket and counted.
 */
export function clientErrorHandler(noise: Noise): FastifyServerOptions['clientErrorHandler'] {
  return (error, socket) => {
    const code = (error as { code?: string }).code ?? 'bad request';
    noise.record('http', `client error ${code}`, socket.remoteAddress ?? 'unknown');
    if (socket.writable)
      socket.end(
        code === 'HPE_HEADER_OVERFLOW'
          ? 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n'
          : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
      );
  };
}

/** Every refusal answered as `{code, description}` (OGC exceptions) with its status, and counted. */
export function replyToErrors(app: FastifyInstance, rejections: Rejections, noise: Noise): void {
  app.setErrorHandler((error, req, reply) => {
    if (error instanceof BadRequest) {
      rejections.count('http', `${req.routeOptions.url ?? 'unknown route'}: bad parameter`);
      return reply.code(400).send({ code: error.code, description: error.message });
    }
    if (error instanceof Unauthorized)
      return reply.code(401).send({ code: 'Unauthorized', description: error.message });
    if (error instanceof Forbidden)
      return reply.code(403).send({ code: 'Forbidden', description: error.message });
    if (error instanceof NotFound)
      return reply.code(404).send({ code: 'NotFound', description: error.message });
    if (error instanceof Gone)
      return reply.code(410).send({ code: 'Gone', description: error.message });
    if (error instanceof Conflict)
      return reply.code(409).send({ code: 'Conflict', description: error.message });
    // Counted where the log refused it (log-health.ts); the client is told what and that
    // nothing was stored.
    if (isLogFull(error))
      return reply.code(507).send({ code: 'LogFull', description: error.message });
    if (error instanceof ConflictError)
      return reply.code(409).send({ code: 'Conflict', description: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      noise.record('http', `client error ${status}`, req.ip);
      return reply.code(status).send({ code: 'BadRequest', description: (error as Error).message });
    }
    req.log.error(error);
    rejections.count('http', 'server error');
    return reply
      .code(500)
      .send({ code: 'ServerError', description: 'internal error; see the gateway log' });
  });
}
