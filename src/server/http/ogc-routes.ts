import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Feature } from 'geojson';
import {
  COLLECTIONS,
  COLLECTION_IDS,
  PEOPLE_COLLECTIONS,
  isCollectionId,
  redactEntity,
  type Audience,
  type CollectionId,
  type EntityOf,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { audienceOfRequest } from '../access/http-guard.ts';
import { refusal, type ReadAccess } from '../access/route-access.ts';
import { reportTotals } from '../../shared/analysis/area-stats.ts';
import { decodeTable } from '../../shared/columnar/table.ts';
import type { Collection } from '../data/collection.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import { BadRequest, Forbidden, NotFound, Unauthorized } from './errors.ts';
import { parseItemsQuery } from './ogc-params.ts';

/** OGC API – Features Part 1 conformance classes this API implements. */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

const GEOJSON = 'application/geo+json';

function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

function link(href: string, rel: string, type: string, title?: string) {
  return title ? { href, rel, type, title } : { href, rel, type };
}

/** The live view of a collection (incidents, teams, ...) and the event `seq` it reflects. */
export type LiveLookup = (
  scenario: ScenarioId,
  collection: string,
) => { collection: Collection; seq: number } | null;

/** A feature as `audience` may see it (null: not at all). Properties are the entity's fields. */
function shaped(collection: CollectionId, f: Feature, audience: Audience): Feature | null {
  if (audience === 'full') return f;
  const properties = redactEntity(collection, f.properties as EntityOf<CollectionId>, audience);
  return properties === null ? null : { ...f, properties };
}

/** Sensitive incidents are not there at all for the public: not counted, not paged over. */
function visibleRows(c: Collection, rows: number[], audience: Audience): number[] {
  if (audience === 'full' || c.id !== 'incidents') return rows;
  return rows.filter((r) => c.feature(r).properties?.sensitive !== true);
}

export function ogcRoutes(
  app: FastifyInstance,
  scenarios: ReadonlyMap<ScenarioId, ScenarioData>,
  readAccess: ReadAccess,
  live: LiveLookup = () => null,
): void {
  /** People collections (grid members) are for readers cleared to see people. */
  const mayRead = (req: FastifyRequest, c: Collection) => {
    if (!PEOPLE_COLLECTIONS.has(c.id)) return;
    const denied = refusal('signed-in', req.principal, readAccess);
    if (denied?.status === 401) throw new Unauthorized(`${c.id}: ${denied.error}`);
    if (denied) throw new Forbidden(`${c.id}: ${denied.error}`);
  };
  const scenarioOf = (id: string): ScenarioData => {
    const s = scenarios.get(id);
    if (!s)
      throw new NotFound(`no scenario "${id}"; available: ${[...scenarios.keys()].join(', ')}`);
    return s;
  };
  const collectionOf = (s: ScenarioData, id: string): Collection => {
    const c =
      live(s.meta.id, id)?.collection ?? (isCollectionId(id) ? s.collections.get(id) : undefined);
    if (!c)
      throw new NotFound(
        `no collection "${id}" in ${s.meta.id}; available: ${COLLECTION_IDS.join(', ')}`,
      );
    return c;
  };
  const describe = (root: string, s: ScenarioData, c: Collection, audience: Audience) => {
    const info = COLLECTIONS[c.id];
    const extent = c.extent();
    const href = `${root}/api/scenarios/${s.meta.id}/collections/${c.id}`;
    return {
      id: c.id,
      title: `${info.title} · ${s.meta.name}`,
      description: `${info.titleEn}, ${s.meta.nameEn} (synthetic sample data unless stated in /api/scenarios)`,
      itemType: 'feature',
      crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
      extent: extent
        ? { spatial: { bbox: [extent], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' } }
        : undefined,
      queryables: c.queryables,
      numberOfItems:
        audience === 'public' && c.id === 'incidents'
          ? visibleRows(c, c.match({}), audience).length
          : c.size(),
      links: [
        link(href, 'self', 'application/json'),
        link(`${href}/items`, 'items', GEOJSON, info.titleEn),
      ],
    };
  };

  app.get('/api/scenarios', async (req) => ({
    scenarios: [...scenarios.values()].map((s) => ({
      ...s.meta,
      links: [link(`${baseUrl(req)}/api/scenarios/${s.meta.id}`, 'data', 'application/json')],
    })),
  }));

  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario', async (req) => {
    const s = scenarioOf(req.params.scenario);
    const root = `${baseUrl(req)}/api/scenarios/${s.meta.id}`;
    return {
      title: `OneMap · ${s.meta.name}`,
      description: `OGC API – Features for ${s.meta.nameEn}. ${s.meta.sources.map((x) => `${x.what}: ${x.source}`).join('; ')}`,
      links: [
        link(root, 'self', 'application/json'),
        link(`${root}/conformance`, 'conformance', 'application/json'),
        link(`${root}/collections`, 'data', 'application/json'),
      ],
    };
  });

  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/conformance', async (req) => {
    scenarioOf(req.params.scenario);
    return { conformsTo: CONFORMANCE };
  });

  app.get<{ Params: { scenario: string } }>('/api/scenarios/:scenario/collections', async (req) => {
    const s = scenarioOf(req.params.scenario);
    const root = baseUrl(req);
    return {
      links: [link(`${root}/api/scenarios/${s.meta.id}/collections`, 'self', 'application/json')],
      collections: [...s.collections.keys()].map((id) =>
        describe(root, s, collectionOf(s, id), audienceOfRequest(req)),
      ),
    };
  });

  app.get<{ Params: { scenario: string; collection: string } }>(
    '/api/scenarios/:scenario/collections/:collection',
    async (req) => {
      const s = scenarioOf(req.params.scenario);
      return describe(
        baseUrl(req),
        s,
        collectionOf(s, req.params.collection),
        audienceOfRequest(req),
      );
    },
  );

  app.get<{
    Params: { scenario: string; collection: string };
    Querystring: Record<string, unknown>;
  }>('/api/scenarios/:scenario/collections/:collection/items', async (req, reply: FastifyReply) => {
    const s = scenarioOf(req.params.scenario);
    const c = collectionOf(s, req.params.collection);
    mayRead(req, c);
    const audience = audienceOfRequest(req);
    const { limit, offset, query } = parseItemsQuery(req.query, c.queryables, c.timeField);
    const rows = visibleRows(c, c.match(query), audience);
    const page = rows.slice(offset, offset + limit);
    const href = `${baseUrl(req)}/api/scenarios/${s.meta.id}/collections/${c.id}/items`;
    const pageUrl = (at: number) => {
      const params = new URLSearchParams(req.query as Record<string, string>);
      params.set('limit', String(limit));
      params.set('offset', String(at));
      return `${href}?${params.toString()}`;
    };
    const links = [link(pageUrl(offset), 'self', GEOJSON)];
    if (offset + limit < rows.length) links.push(link(pageUrl(offset + limit), 'next', GEOJSON));
    if (offset > 0) links.push(link(pageUrl(Math.max(0, offset - limit)), 'prev', GEOJSON));
    void reply.type(GEOJSON);
    const seq = live(s.meta.id, c.id)?.seq;
    return {
      type: 'FeatureCollection',
      // The feed event this snapshot reflects: a client follows the feed from here.
      ...(seq !== undefined ? { seq } : {}),
      timeStamp: new Date().toISOString(),
      numberMatched: rows.length,
      numberReturned: page.length,
      features: page.flatMap((row) => shaped(c.id, c.feature(row), audience) ?? []),
      links,
    };
  });

  app.get<{ Params: { scenario: string; collection: string; featureId: string } }>(
    '/api/scenarios/:scenario/collections/:collection/items/:featureId',
    async (req, reply) => {
      const s = scenarioOf(req.params.scenario);
      const c = collectionOf(s, req.params.collection);
      mayRead(req, c);
      const found = c.find(req.params.featureId);
      const feature = found && shaped(c.id, found, audienceOfRequest(req));
      if (!feature) throw new NotFound(`no item "${req.params.featureId}" in ${c.id}`);
      void reply.type(GEOJSON);
      return feature;
    },
  );

  const reportStats = new Map<string, Record<string, { total: number; settled: number }>>();
  app.get<{ Params: { scenario: string } }>(
    '/api/scenarios/:scenario/stats/reports',
    async (req) => {
      const s = scenarioOf(req.params.scenario);
      let stats = reportStats.get(s.meta.id);
      if (!stats) {
        const bytes = s.tables.get('hazard-reports');
        if (!bytes) throw new NotFound('no report table');
        const table = decodeTable(
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        );
        stats = Object.fromEntries(reportTotals(table));
        reportStats.set(s.meta.id, stats);
      }
      return { byTownship: stats };
    },
  );

  app.get<{ Params: { scenario: string; table: string } }>(
    '/api/scenarios/:scenario/tables/:table',
    async (req, reply) => {
      const s = scenarioOf(req.params.scenario);
      const name = req.params.table.replace(/\.bin$/, '');
      const bytes =
        name === 'hazard-reports' || name === 'hidden-hazards' ? s.tables.get(name) : undefined;
      if (!bytes)
        throw new NotFound(
          `no table "${req.params.table}"; available: hazard-reports.bin, hidden-hazards.bin`,
        );
      void reply.type('application/octet-stream').header('cache-control', 'public, max-age=3600');
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  );
}

export { BadRequest, NotFound };
