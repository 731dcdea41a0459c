/**
 * The check-in page's service worker (/checkin-sw.js, scope /checkin/): with it, a door's phone
 * opens the page with no network at all (三断) — the page, its script and style from the cache,
 * its door and its queued scans from localStorage. Network first, so a new version is taken
 * whenever there is network; the API is never cached.
 */

// The service-worker globals, as far as this file uses them (the DOM lib has no worker scope).
interface ExtendableEvent extends Event {
  waitUntil(done: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageToWorker extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', on: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', on: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', on: (e: MessageToWorker) => void): void;
}
const worker = self as unknown as WorkerScope;

const CACHE = 'onemap-checkin-v1';

const cacheable = (url: URL) =>
  url.origin === worker.location.origin && !url.pathname.startsWith('/api/');

worker.addEventListener('install', (e) => e.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (e) => e.waitUntil(worker.clients.claim()));

// The page loaded before the worker took it over: it names its files, the worker keeps them.
worker.addEventListener('message', (e) => {
  const urls = (e.data as { cache?: unknown } | null)?.cache;
  if (!Array.isArray(urls)) return;
  const mine = urls.filter(
    (u): u is string => typeof u === 'string' && cacheable(new URL(u, worker.location.href)),
  );
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(mine)));
});

worker.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || !cacheable(url)) return;
  e.respondWith(
    // eslint-disable-next-line no-restricted-globals -- it passes the page's own requests on; it calls no API
    fetch(e.request)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          void caches.open(CACHE).then((c) => c.put(e.request, copy));
        }
        return res;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        // Every door's link is the same page: any cached /checkin/ page serves another token.
        const hit =
          (await cache.match(e.request)) ??
          (url.pathname.startsWith('/checkin/')
            ? (await cache.keys()).find((k) => new URL(k.url).pathname.startsWith('/checkin/'))
            : undefined);
        const found = hit instanceof Request ? await cache.match(hit) : hit;
        return found ?? Response.error();
      }),
  );
});
