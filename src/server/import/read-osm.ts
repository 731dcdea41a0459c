import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import tinyosmpbf from 'tiny-osmpbf';
import { isDrivable, type OsmWay } from '../../shared/import/osm-roads.ts';
import { fileError, words, type Problem } from '../../shared/import/problems.ts';
import type { LonLat } from '../../shared/protocol/index.ts';
import { oversize } from './read-tables.ts';

/** Drivable ways of an OSM file and the positions of the nodes they use. */
export interface OsmFile {
  ways: OsmWay[];
  positions: Map<number, LonLat>;
  problems: Problem[];
}

export const isOsmFile = (path: string) => /\.osm(\.pbf)?$|\.pbf$/i.test(path);

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // No entity is ever expanded: OSM files have none, and a hostile one gets nothing from it.
  processEntities: false,
  parseAttributeValue: false,
  isArray: (name) => ['node', 'way', 'nd', 'tag'].includes(name),
});

interface XmlTag {
  k?: string;
  v?: string;
}
interface XmlOsm {
  osm?: {
    node?: { id?: string; lat?: string; lon?: string }[];
    way?: { id?: string; nd?: { ref?: string }[]; tag?: XmlTag[] }[];
  };
}

/**
 * Reads `.osm` (XML) or `.osm.pbf`. Only drivable ways are kept, and only the nodes they use: a
 * PBF is read twice (ways first, then just their nodes) so a city's extract fits in memory.
 */
export async function readOsmFile(path: string): Promise<OsmFile> {
  const file = basename(path);
  const refuse = (zh: string, en: string): OsmFile => ({
    ways: [],
    positions: new Map(),
    problems: [fileError(file, words(zh, en))],
  });
  const over = oversize(file, (await stat(path)).size);
  if (over) return { ways: [], positions: new Map(), problems: [over] };
  const bytes = new Uint8Array(await readFile(path));
  const ways: OsmWay[] = [];
  const positions = new Map<number, LonLat>();
  if (/\.pbf$/i.test(path)) {
    const broken = pbfDamage(bytes);
    if (broken)
      return refuse(
        `不是完整的 OSM PBF 文件（${broken.zh}）`,
        `not a readable OSM PBF file (${broken.en})`,
      );
    try {
      const wanted = new Set<number>();
      tinyosmpbf(bytes, (e) => {
        if (e.type !== 'way' || !isDrivable(e.tags ?? {})) return;
        ways.push({ id: e.id, refs: e.nodes, tags: e.tags ?? {} });
        for (const r of e.nodes) wanted.add(r);
      });
      tinyosmpbf(bytes, (e) => {
        if (e.type === 'node' && wanted.has(e.id)) positions.set(e.id, [e.lon, e.lat]);
      });
    } catch (error) {
      return refuse(
        `不是可读的 OSM PBF 文件（${(error as Error).message}）`,
        `not a readable OSM PBF file (${(error as Error).message})`,
      );
    }
  } else {
    let doc: XmlOsm;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (/<!DOCTYPE/i.test(text.slice(0, 2048)))
        return refuse('OSM XML 不应含 DOCTYPE', 'OSM XML must not carry a DOCTYPE');
      doc = xml.parse(text) as XmlOsm;
    } catch (error) {
      return refuse(
        `不是可读的 OSM XML 文件（${(error as Error).message}）`,
        `not a readable OSM XML file (${(error as Error).message})`,
      );
    }
    if (!doc.osm) return refuse('没有 <osm> 根元素', 'no <osm> root element');
    for (const w of doc.osm.way ?? []) {
      const tags = Object.fromEntries((w.tag ?? []).map((t) => [t.k ?? '', t.v ?? '']));
      const id = Number(w.id);
      if (!Number.isSafeInteger(id) || !isDrivable(tags)) continue;
      ways.push({ id, refs: (w.nd ?? []).map((n) => Number(n.ref)), tags });
    }
    const wanted = new Set(ways.flatMap((w) => w.refs));
    for (const n of doc.osm.node ?? []) {
      const id = Number(n.id);
      const p: LonLat = [Number(n.lon), Number(n.lat)];
      if (!wanted.has(id) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
      if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) continue;
      positions.set(id, p);
    }
  }
  return { ways, positions, problems: [] };
}

/**
 * Why a PBF's framing is broken, or null: a PBF is a run of blocks, each a 4-byte length, a
 * BlobHeader (whose field 3 is the blob's size) and the blob, ending exactly at the end of the
 * file. The parser reads a cut-off file as a shorter one without a word; this check does not.
 */
function pbfDamage(bytes: Uint8Array): { zh: string; en: string } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let blocks = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) break;
    const headerSize = view.getUint32(at);
    const headerEnd = at + 4 + headerSize;
    if (headerSize > 64 * 1024 || headerEnd > bytes.length) break;
    const dataSize = blobSize(bytes, at + 4, headerEnd);
    if (dataSize === null || headerEnd + dataSize > bytes.length) break;
    at = headerEnd + dataSize;
    blocks++;
  }
  if (at === bytes.length && blocks > 0) return null;
  return {
    zh: `第 ${blocks + 1} 个数据块在字节 ${at} 处被截断或损坏`,
    en: `block ${blocks + 1} is cut off or damaged at byte ${at}`,
  };
}

/** The `datasize` (field 3) of a BlobHeader, or null if the header does not parse. */
function blobSize(bytes: Uint8Array, start: number, end: number): number | null {
  let at = start;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 35 && at < end; shift += 7) {
      const b = bytes[at++] ?? 0;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    return null;
  };
  while (at < end) {
    const key = varint();
    if (key === null) return null;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      const v = varint();
      if (v === null) return null;
      if (field === 3) return v;
    } else if (wire === 2) {
      const length = varint();
      if (length === null) return null;
      at += length;
    } else return null;
  }
  return null;
}
