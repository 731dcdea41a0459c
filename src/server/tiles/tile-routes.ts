import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  BasemapId,
  ScenarioId,
  type BasemapCatalog,
  type BasemapCrs,
  type BasemapSpec,
} from '../../shared/protocol/index.ts';
import { BadRequest, NotFound } from '../http/ogc-routes.ts';
import type { Rejections } from '../metrics.ts';
import { TileCache } from './tile-cache.ts';
import { DEFAULT_UPSTREAMS, RASTER_PRESETS, upstreamUrl } from './upstreams.ts';

export interface TileOptions {
  /** Proxied services by id (defaults: `DEFAULT_UPSTREAMS`); tests point them at loopback. */
  upstreams?: Readonly<Record<string, string>>;
  tiandituKey?: string | null;
  cacheDir: string;
  cacheBytes: number;
  /** Basemap a console starts with (default: the baked vector archive if present, else plain). */
  defaultBasemap?: BasemapId | null;
  /** A MapLibre style URL (an intranet tile server) offered as `custom`. */
  styleUrl?: string | null;
  styleCrs?: BasemapCrs;
  /** A PMTiles archive (e.g. a Protomaps extract) served as `vector` instead of the baked one. */
  pmtiles?: string | null;
  /** How long a cached tile is fresh; after that upstream is asked first. */
  freshMs?: number;
  /** Upstream timeout. */
  timeoutMs?: number;
}

const TILE = /^\d{1,2}$/;

/**
 * Basemaps for consoles on an intranet: the catalog, the gateway's tile proxy with a bounded
 * disk cache (a cached tile is served when upstream fails, so the basemap survives a dropped
 * link), and PMTiles archives with HTTP range requests.
 */
export async function tileRoutes(
  app: FastifyInstance,
  dataDir: string,
  /** The jurisdictions served (the catalogue is per jurisdiction). */
  served: ReadonlySet<string>,
  o: TileOptions,
  rejections: Rejections,
): Promise<void> {
  const upstreams = { ...DEFAULT_UPSTREAMS, ...o.upstreams };
  const cache = new TileCache(o.cacheDir, o.cacheBytes);
  const freshMs = o.freshMs ?? 7 * 86_400_000;
  const timeoutMs = o.timeoutMs ?? 8_000;
  const baked = join(dataDir, 'basemap');
  const inFlight = new Map<string, Promise<Buffer>>();

  if (existsSync(baked))
    await app.register(fastifyStatic, {
      root: baked,
      prefix: '/basemap/',
      decorateReply: false,
      maxAge: 3_600_000,
    });
  if (o.pmtiles) {
    const file = o.pmtiles;
    await app.register(fastifyStatic, {
      root: dirname(file),
      prefix: '/basemap-archive/',
      decorateReply: false,
      allowedPath: (path) => path === `/${basename(file)}`,
    });
  }

  app.get('/api/basemaps', async (req): Promise<BasemapCatalog> => {
    const raw = (req.query as { scenario?: string }).scenario;
    const scenario = ScenarioId.safeParse(raw);
    if (!scenario.success || !served.has(scenario.data))
      throw new BadRequest(
        `scenario must be one of the gateway’s jurisdictions: ${[...served].join(', ')}`,
      );
    const basemaps: BasemapSpec[] = [{ id: 'plain', crs: 'wgs84', maxzoom: 22, attribution: '' }];
    const vector = o.pmtiles
      ? `/basemap-archive/${basename(o.pmtiles)}`
      : existsSync(join(baked, `${scenario.data}.pmtiles`))
        ? `/basemap/${scenario.data}.pmtiles`
        : null;
    if (vector)
      basemaps.push({
        id: 'vector',
        crs: 'wgs84',
        pmtiles: vector,
        maxzoom: 22,
        attribution: o.pmtiles ? 'PMTiles' : 'OneMap 样例数据（合成）',
      });
    for (const [id, p] of Object.entries(RASTER_PRESETS)) {
      if (p.key && !o.tiandituKey) continue;
      basemaps.push({
        id: BasemapId.parse(id),
        crs: p.crs,
        raster: p.sources.map((s) => `/tiles/${s}/{z}/{x}/{y}`),
        maxzoom: p.maxzoom,
        attribution: p.attribution,
      });
    }
    if (o.styleUrl)
      basemaps.push({
        id: 'custom',
        crs: o.styleCrs ?? 'wgs84',
        styleUrl: o.styleUrl,
        maxzoom: 22,
        attribution: '',
      });
    const wanted = o.defaultBasemap;
    const fallback = vector ? 'vector' : 'plain';
    return {
      default: wanted && basemaps.some((b) => b.id === wanted) ? wanted : fallback,
      basemaps,
    };
  });

  app.get('/tiles/:source/:z/:x/:y', async (req, reply) => {
    const { source, z, x, y } = req.params as Record<string, string>;
    const template = source ? upstreams[source] : undefined;
    if (!template) throw new NotFound(`no tile service called ${source}`);
    if (![z, x, y].every((v) => v !== undefined && /^\d{1,8}$/.test(v)) || !TILE.test(z ?? ''))
      throw new BadRequest('z, x and y must be whole numbers');
    const tile = { z: Number(z), x: Number(x), y: Number(y) };
    if (tile.z > 22 || tile.x >= 2 ** tile.z || tile.y >= 2 ** tile.z)
      throw new BadRequest(`tile ${tile.z}/${tile.x}/${tile.y} is outside the world`);
    const key = `${source}/${tile.z}/${tile.x}/${tile.y}`;
    const cached = cache.get(key);
    const send = (body: Buffer, state: 'hit' | 'miss' | 'stale') => {
      rejections.tiles.inc({ service: source, state });
      rejections.tileCacheBytes.set(cache.bytes);
      return reply
        .header('x-onemap-tile', state)
        .header('cache-control', 'public, max-age=86400')
        .type(contentType(body))
        .send(body);
    };
    if (cached && Date.now() - cached.fetchedAt < freshMs) return send(cached.body, 'hit');
    let body: Buffer;
    try {
      let pending = inFlight.get(key);
      if (!pending) {
        // Consoles asking for the same tile at once share one upstream request.
        pending = fetchTile(upstreamUrl(template, tile, o.tiandituKey ?? ''), timeoutMs);
        inFlight.set(key, pending);
        void pending.then(
          (body) => {
            cache.put(key, body);
            inFlight.delete(key);
          },
          () => inFlight.delete(key),
        );
      }
      body = await pending;
    } catch (e) {
      if (cached) return send(cached.body, 'stale');
      rejections.count('http', 'tile upstream failed');
      rejections.tiles.inc({ service: source, state: 'failed' });
      return reply.code(502).send({
        code: 'UpstreamFailed',
        description: `${source} tile ${tile.z}/${tile.x}/${tile.y}: ${(e as Error).message}; none cached`,
      });
    }
    return send(body, 'miss');
  });
}

async function fetchTile(url: string, timeoutMs: number): Promise<Buffer> {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    headers: { 'user-agent': 'OneMap tile cache' },
  });
  if (!res.ok) throw new Error(`upstream answered ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length === 0) throw new Error('upstream sent an empty tile');
  return body;
}

function contentType(b: Buffer): string {
  if (b[0] === 0x89 && b[1] === 0x50) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b.subarray(8, 12).toString() === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}
