import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Whether a route is one of the built app's own files (public: the code is not the data). */
export function appFileMatcher(staticDir: string | undefined): (url: string) => boolean {
  const root = staticDir !== undefined && hasApp(staticDir) ? normalize(staticDir) : null;
  return (url) => {
    if (!root || url.includes('..') || url.includes(':') || url.includes('*')) return false;
    if (url === '/') return true;
    const file = normalize(join(root, url));
    return file.startsWith(root) && existsSync(file) && statSync(file).isFile();
  };
}

const hasApp = (staticDir: string) => existsSync(join(staticDir, 'index.html'));

/**
 * The built app, the sample cameras' stream files, and the not-found answer: the app for its
 * client-side routes (/wall, /briefing, ...), a JSON 404 with the reason for anything else.
 */
export async function appFiles(
  app: FastifyInstance,
  staticDir: string | undefined,
  dataDir: string,
): Promise<void> {
  const withApp = staticDir !== undefined && hasApp(staticDir);
  if (withApp)
    await app.register(fastifyStatic, { root: staticDir, wildcard: false, index: 'index.html' });
  // Camera video: the sample cameras' test stream (made by ffmpeg at set-up), as HLS files.
  const streams = join(dataDir, 'streams');
  if (existsSync(streams))
    await app.register(fastifyStatic, {
      root: streams,
      prefix: '/streams/',
      decorateReply: false,
      maxAge: 60_000,
    });
  app.setNotFoundHandler((req, reply) => {
    if (
      withApp &&
      req.method === 'GET' &&
      !['/api/', '/streams/', '/tiles/', '/basemap', '/socket.io'].some((p) =>
        req.url.startsWith(p),
      )
    ) {
      // A 叫应 link and a shelter's check-in link open their phone pages, not the console.
      const page = req.url.startsWith('/a/')
        ? 'answer.html'
        : req.url.startsWith('/checkin/')
          ? 'checkin.html'
          : 'index.html';
      return reply.type('text/html').header('cache-control', 'no-store').sendFile(page);
    }
    const description = req.url.startsWith('/streams/')
      ? `no stream file ${req.url}: the sample stream is made by ffmpeg at set-up (install ffmpeg, then npm run fixtures:ensure)`
      : `no route ${req.method} ${req.url}`;
    return reply.code(404).send({ code: 'NotFound', description });
  });
}
