import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ScenarioId, ScenarioMeta } from '../../shared/protocol/index.ts';

/** A folder of the data directory that is not served, and why (shown at start and in /healthz). */
export interface SkippedFolder {
  folder: string;
  reason: string;
}

export interface Found {
  /** The jurisdictions to serve, in the order given (else by id). */
  ids: ScenarioId[];
  skipped: SkippedFolder[];
}

/**
 * The jurisdictions in a data directory: every folder holding a `meta.json` manifest (id, names,
 * root admin code, bbox, sources) and the `manifest.json` of its files, whose id is the folder's
 * name. Nothing about a jurisdiction is in code: a new folder is a new jurisdiction.
 *
 * `wanted` (SCENARIOS) narrows the list and orders it; a wanted id that is not there stops the
 * gateway with what is. Unwanted or unusable folders are skipped with a reason.
 */
export function findJurisdictions(dataDir: string, wanted: readonly string[] = []): Found {
  const skipped: SkippedFolder[] = [];
  const usable = new Set<ScenarioId>();
  // Folders, or links to folders (a jurisdiction kept elsewhere and linked in).
  const folders = existsSync(dataDir)
    ? readdirSync(dataDir).filter((name) => isFolder(join(dataDir, name)))
    : [];
  for (const name of folders) {
    const dir = join(dataDir, name);
    if (!existsSync(join(dir, 'meta.json'))) continue; // basemap/, streams/, sources/: not jurisdictions
    const reason = problemOf(dir, name);
    if (reason) skipped.push({ folder: name, reason });
    else usable.add(name);
  }
  if (wanted.length > 0) {
    const missing = wanted.filter((id) => !usable.has(id));
    if (missing.length > 0) {
      const why = skipped.filter((s) => missing.includes(s.folder));
      throw new Error(
        `SCENARIOS names ${missing.join(', ')}, not usable in ${dataDir}` +
          (why.length ? ` (${why.map((s) => `${s.folder}: ${s.reason}`).join('; ')})` : '') +
          `; usable: ${[...usable].join(', ') || 'none (run `npm run fixtures`)'}`,
      );
    }
    for (const id of usable)
      if (!wanted.includes(id)) skipped.push({ folder: id, reason: 'not in SCENARIOS' });
    return { ids: [...wanted], skipped };
  }
  if (usable.size === 0)
    throw new Error(
      `no jurisdiction in ${dataDir}` +
        (skipped.length ? ` (${skipped.map((s) => `${s.folder}: ${s.reason}`).join('; ')})` : '') +
        ': run `npm run fixtures` for the samples',
    );
  return { ids: [...usable].sort(), skipped };
}

/** Why a folder with a manifest cannot be served, or null. */
function problemOf(dir: string, folder: string): string | null {
  const id = ScenarioId.safeParse(folder);
  if (!id.success)
    return `the folder name is not a jurisdiction id: ${id.error.issues[0]?.message}`;
  if (!existsSync(join(dir, 'manifest.json')))
    return 'no manifest.json (the list of its files): an import did not finish';
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  } catch (e) {
    return `meta.json is not JSON: ${(e as Error).message}`;
  }
  const meta = ScenarioMeta.safeParse(raw);
  if (!meta.success) return `meta.json: ${z.prettifyError(meta.error).replaceAll('\n', ' ')}`;
  if (meta.data.id !== folder)
    return `meta.json says id "${meta.data.id}", the folder is "${folder}"`;
  return null;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a dangling link: nothing to serve
  }
}
