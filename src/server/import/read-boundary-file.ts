import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { iter } from 'but-unzip';
import proj4 from 'proj4';
import shp from 'shpjs';
import { fileError, words, type Problem } from '../../shared/import/problems.ts';
import { oversize } from './read-tables.ts';

/** Boundary features from a file, in WGS-84, or why the file cannot give them. */
export type BoundaryFile =
  | { features: unknown[]; notes: Problem[] }
  | { features: null; notes: Problem[] };

interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

/**
 * Reads boundaries from a GeoJSON FeatureCollection, a Shapefile (`.shp` with its `.dbf`,
 * `.prj` and `.cpg` beside it) or a `.zip` holding one. A Shapefile's `.prj` is honoured
 * (WGS-84, CGCS2000 EPSG:4490, the Gauss-Krüger zones EPSG:4547/4526 … through proj4) and its
 * `.dbf` decoded by its `.cpg`, or as UTF-8 when it is valid UTF-8 and GB18030 otherwise (what
 * Chinese GIS software writes without saying). A `.prj` proj4 cannot read, or coordinates that are
 * not degrees once read, refuse the file: projected metres must not load and show nothing.
 */
export async function readBoundaryFile(path: string): Promise<BoundaryFile> {
  const file = basename(path);
  const refuse = (zh: string, en: string): BoundaryFile => ({
    features: null,
    notes: [fileError(file, words(zh, en))],
  });
  const over = oversize(file, (await stat(path)).size);
  if (over) return { features: null, notes: [over] };
  const ext = extname(path).toLowerCase();
  let parts: ShapefileParts;
  if (ext === '.json' || ext === '.geojson') {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(await readFile(path)));
    } catch (e) {
      return refuse(`不是 JSON：${(e as Error).message}`, `not JSON: ${(e as Error).message}`);
    }
    const features = (json as { type?: unknown; features?: unknown }).features;
    if ((json as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features))
      return refuse('应为 GeoJSON FeatureCollection', 'must be a GeoJSON FeatureCollection');
    return { features, notes: [] };
  } else if (ext === '.shp') {
    const sibling = async (e: string) => {
      const p = `${path.slice(0, -4)}${e}`;
      const upper = `${path.slice(0, -4)}${e.toUpperCase()}`;
      const found = existsSync(p) ? p : existsSync(upper) ? upper : null;
      return found ? new Uint8Array(await readFile(found)) : undefined;
    };
    const dbf = await sibling('.dbf');
    const prj = await sibling('.prj');
    const cpg = await sibling('.cpg');
    parts = {
      shp: new Uint8Array(await readFile(path)),
      ...(dbf ? { dbf } : {}),
      ...(prj ? { prj: new TextDecoder().decode(prj) } : {}),
      ...(cpg ? { cpg: new TextDecoder().decode(cpg) } : {}),
    };
  } else if (ext === '.zip') {
    const found: Partial<Record<'shp' | 'dbf' | 'prj' | 'cpg', Uint8Array>> = {};
    const layers = new Set<string>();
    const bytes = new Uint8Array(await readFile(path));
    const damage = zipDamage(bytes);
    if (damage)
      return refuse(
        `不是完整的 ZIP 文件（${damage.zh}）`,
        `not a complete ZIP file (${damage.en})`,
      );
    try {
      // Node's inflate, not the default stream: a cut-off entry throws instead of never ending.
      const inflate = (raw: Uint8Array) => new Uint8Array(inflateRawSync(raw));
      for (const entry of iter(bytes, inflate)) {
        const m = /^(.*)\.(shp|dbf|prj|cpg)$/i.exec(entry.filename);
        if (!m || entry.filename.includes('__MACOSX')) continue;
        const kind = (m[2] ?? '').toLowerCase() as 'shp' | 'dbf' | 'prj' | 'cpg';
        if (kind === 'shp') layers.add(m[1] ?? '');
        found[kind] = await entry.read();
      }
    } catch (e) {
      return refuse(
        `不是完整的 ZIP 文件（${(e as Error).message}）`,
        `not a complete ZIP file (${(e as Error).message})`,
      );
    }
    if (layers.size !== 1 || !found.shp)
      return refuse(
        `ZIP 中应恰有一个 .shp（找到 ${layers.size} 个）`,
        `the ZIP must hold exactly one .shp (found ${layers.size})`,
      );
    parts = {
      shp: found.shp,
      ...(found.dbf ? { dbf: found.dbf } : {}),
      ...(found.prj ? { prj: new TextDecoder().decode(found.prj) } : {}),
      ...(found.cpg ? { cpg: new TextDecoder().decode(found.cpg) } : {}),
    };
  } else
    return refuse(
      '边界文件应为 .geojson、.shp 或装有 .shp 的 .zip',
      'boundaries must be .geojson, .shp or a .zip holding a .shp',
    );
  return readShapefile(file, parts);
}

async function readShapefile(file: string, parts: ShapefileParts): Promise<BoundaryFile> {
  const refuse = (zh: string, en: string): BoundaryFile => ({
    features: null,
    notes: [fileError(file, words(zh, en))],
  });
  if (!parts.dbf)
    return refuse(
      '缺少 .dbf（区划代码和名称在其中）',
      'the .dbf is missing (it holds the codes and names)',
    );
  const notes: Problem[] = [];
  if (parts.prj !== undefined) {
    try {
      proj4(parts.prj);
    } catch (e) {
      return refuse(
        `读不懂 .prj 的坐标系（${(e as Error).message}）`,
        `the .prj's coordinate system cannot be read (${(e as Error).message})`,
      );
    }
  }
  const cpg = encodingOf(parts.cpg, parts.dbf);
  let collection;
  try {
    collection = await shp({ ...parts, cpg });
  } catch (e) {
    return refuse(
      `不是可读的 Shapefile（${(e as Error).message}）`,
      `not a readable Shapefile (${(e as Error).message})`,
    );
  }
  const outside = collection.features.findIndex((f) => !inDegrees(f.geometry));
  if (outside >= 0)
    return refuse(
      parts.prj
        ? `第 ${outside + 1} 个要素换算后不是经纬度：请检查 .prj`
        : `没有 .prj，第 ${outside + 1} 个要素的坐标不是经纬度（投影坐标？请附上 .prj）`,
      parts.prj
        ? `feature ${outside + 1} is not in degrees once converted: check the .prj`
        : `no .prj, and feature ${outside + 1}'s coordinates are not degrees (projected? add its .prj)`,
    );
  notes.push({
    level: 'warning',
    file,
    sheet: null,
    row: null,
    column: null,
    value: cpg,
    reason: words(
      `属性表按 ${cpg} 解码${parts.cpg ? '（.cpg 所示）' : '（无 .cpg，按内容判断）'}；坐标系：${parts.prj ? '按 .prj 换算为 WGS-84' : '无 .prj，按经纬度读取'}`,
      `attributes decoded as ${cpg}${parts.cpg ? ' (as the .cpg says)' : ' (no .cpg: judged from the bytes)'}; coordinates: ${parts.prj ? "converted from the .prj's system to WGS-84" : 'no .prj, read as degrees'}`,
    ),
  });
  return { features: collection.features, notes };
}

/**
 * The TextDecoder label for a `.dbf`: its `.cpg` (code page numbers like 936 included), else
 * UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312).
 */
export function encodingOf(cpg: string | undefined, dbf: Uint8Array): string {
  const said = cpg
    ?.trim()
    .toLowerCase()
    .replace(/^ansi\s*/, '');
  if (said) {
    if (['936', 'cp936', 'gbk', 'gb2312', 'ms936'].includes(said)) return 'gbk';
    if (said === '54936' || said === 'gb18030') return 'gb18030';
    if (['65001', 'utf8', 'utf-8'].includes(said)) return 'utf-8';
    try {
      return new TextDecoder(said).encoding;
    } catch {
      // Not a label TextDecoder knows: judge from the bytes below.
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function inDegrees(geometry: unknown): boolean {
  const walk = (c: unknown): boolean =>
    Array.isArray(c) && typeof c[0] === 'number'
      ? Math.abs(c[0]) <= 180 && Math.abs(Number(c[1])) <= 90
      : Array.isArray(c) && c.every(walk);
  return walk((geometry as { coordinates?: unknown } | null)?.coordinates);
}

/**
 * Why a ZIP's directory is broken, or null. Checked before unzipping: the unzip library looks for
 * the end-of-directory record without end on a cut-off file. The record (within the last 64 KiB)
 * points at the central directory, whose entries point at data that must lie before it.
 */
function zipDamage(bytes: Uint8Array): { zh: string; en: string } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0)
    return { zh: '找不到目录结尾，文件被截断', en: 'no end of directory: the file is cut off' };
  const entries = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const start = view.getUint32(end + 16, true);
  if (start + size > end) return { zh: '目录超出文件', en: 'the directory runs past the file' };
  for (let i = 0, at = start; i < entries; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50)
      return { zh: `第 ${i + 1} 个目录项损坏`, en: `directory entry ${i + 1} is damaged` };
    const compressed = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 + compressed > start)
      return {
        zh: `第 ${i + 1} 个文件的数据不完整`,
        en: `the data of entry ${i + 1} is incomplete`,
      };
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return null;
}
