import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decodeTable } from '../../shared/columnar/table.ts';
import {
  COLLECTIONS,
  COLLECTION_IDS,
  RoadNode,
  ScenarioMeta,
  type CollectionId,
  type EntityOf,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { EntityCollection, type Collection } from './collection.ts';
import { RoadRouter } from '../../shared/routing/road-router.ts';
import { TableCollection } from './table-collection.ts';
import { registerReader, type Register } from '../../shared/people/register.ts';

export interface ScenarioData {
  meta: ScenarioMeta;
  dir: string;
  collections: Map<CollectionId, Collection>;
  /** The road network for routing (teams driving, recommendations, transfers). */
  roads: RoadRouter;
  /** Raw bytes of the column tables, served as-is to the browser. */
  tables: Map<'hazard-reports' | 'hidden-hazards', Uint8Array>;
  /** The villages' transfer registers (转移名单), when the jurisdiction has them. */
  register: Register | null;
}

const TABLES = ['hazard-reports', 'hidden-hazards'] as const;

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Parses a collection file against the contract; the first bad items are named in the error. */
function loadEntities(path: string, id: CollectionId): unknown[] {
  return loadList(path, COLLECTIONS[id].schema as z.ZodType, id);
}

function loadList(path: string, schema: z.ZodType, what: string): unknown[] {
  const raw = readJson(path);
  if (!Array.isArray(raw)) throw new Error(`${path} must hold a JSON array of ${what}`);
  const problems: string[] = [];
  const items = raw.map((item: unknown, i) => {
    const r = schema.safeParse(item);
    if (!r.success && problems.length < 3) problems.push(`item ${i}: ${z.prettifyError(r.error)}`);
    return r.success ? r.data : null;
  });
  if (problems.length > 0)
    throw new Error(`${path} does not match the contract:\n${problems.join('\n')}`);
  return items;
}

/** The name of a township (9 digits) or village (12 digits) of `data`, or null when it has none. */
export function areaName(data: ScenarioData, code: string): string | null {
  const collection = code.length === 9 ? 'townships' : 'villages';
  const props = data.collections.get(collection)?.find(code)?.properties as
    | { name?: unknown }
    | null
    | undefined;
  return typeof props?.name === 'string' ? props.name : null;
}

/**
 * A file's bytes in a buffer of their own: Node may hand out a slice of a shared pool, which typed
 * views cannot align to.
 */
function privateCopy(path: string): ArrayBuffer {
  const bytes = readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/** Loads a generated scenario directory (fixtures/<id>) and indexes it for the read API. */
export function loadScenario(dataDir: string, id: ScenarioId): ScenarioData {
  const dir = join(dataDir, id);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`no sample data in ${dir}: run \`npm run fixtures\` first`);
  }
  const meta = ScenarioMeta.parse(readJson(join(dir, 'meta.json')));
  const collections = new Map<CollectionId, Collection>();
  const tables = new Map<'hazard-reports' | 'hidden-hazards', Uint8Array>();
  for (const cid of COLLECTION_IDS) {
    if (cid === 'hazard-reports' || cid === 'hidden-hazards') continue;
    const path = join(dir, `${cid}.json`);
    // Live collections (incidents, warnings) start empty: the feed fills them.
    const entities = existsSync(path) ? loadEntities(path, cid) : [];
    collections.set(cid, new EntityCollection(cid, entities as EntityOf<typeof cid>[]));
  }
  for (const name of TABLES) {
    const buffer = privateCopy(join(dir, `${name}.bin`));
    tables.set(name, new Uint8Array(buffer));
    collections.set(name, new TableCollection(name, decodeTable(buffer)));
  }
  const peoplePath = join(dir, 'people.bin');
  const register = existsSync(peoplePath)
    ? registerReader(decodeTable(privateCopy(peoplePath)))
    : null;
  const nodesPath = join(dir, 'road-nodes.json');
  const roadNodes = existsSync(nodesPath)
    ? (loadList(nodesPath, RoadNode, 'road nodes') as RoadNode[])
    : [];
  const roads = RoadRouter.of(
    roadNodes,
    (collections.get('roads') as EntityCollection<'roads'> | undefined)?.entities ?? [],
  );
  return { meta, dir, collections, tables, roads, register };
}
