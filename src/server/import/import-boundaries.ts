import { bbox } from '@turf/turf';
import { basename } from 'node:path';
import { readBoundaries } from '../../shared/import/boundaries.ts';
import { fileError, words, type Problem } from '../../shared/import/problems.ts';
import type { AdminArea, CollectionId, ScenarioMeta } from '../../shared/protocol/index.ts';
import type { JurisdictionVersions } from './jurisdiction-versions.ts';
import { readBoundaryFile } from './read-boundary-file.ts';
import type { FileSummary } from './run-import.ts';

/** Files that hold boundaries: GeoJSON, a Shapefile, or a ZIP of one. */
export const isBoundaryFile = (path: string) => /\.(geojson|json|shp|zip)$/i.test(path);

const LEVELS = [
  ['city', 'cities'],
  ['county', 'counties'],
  ['township', 'townships'],
  ['village', 'villages'],
] as const satisfies readonly (readonly [AdminArea['level'], CollectionId])[];

export interface BoundariesRead {
  /** The new areas per collection (a level the file lacks: kept as it is), or null if refused. */
  areas: Map<CollectionId, AdminArea[]> | null;
  problems: Problem[];
  summary: FileSummary;
  patch: { bbox: ScenarioMeta['bbox']; sources: ScenarioMeta['sources'] };
}

/**
 * New boundaries for a jurisdiction that exists (a township merged, villages redrawn, the
 * generated outlines replaced by official ones): read and checked as a new jurisdiction's are,
 * with the figures of every area that keeps its code kept when the file carries none (a
 * boundaries file rarely says how many people live in a village). Townships and villages come
 * together; a city or county level the file lacks stays as it is.
 */
export async function importBoundaries(
  path: string,
  versions: JurisdictionVersions,
  by: string,
): Promise<BoundariesRead> {
  const file = basename(path);
  const meta = versions.meta();
  const summary: FileSummary = {
    file,
    sheet: null,
    encoding: null,
    register: 'boundaries',
    rows: 0,
    accepted: 0,
    refused: 0,
    headers: [],
    unknown: [],
  };
  const refused = (problems: Problem[]): BoundariesRead => ({
    areas: null,
    problems,
    summary,
    patch: { bbox: meta.bbox, sources: meta.sources },
  });
  const read = await readBoundaryFile(path);
  if (!read.features) return refused(read.notes);
  const { areas, problems } = readBoundaries(file, read.features);
  problems.push(...read.notes);
  summary.rows = read.features.length;
  summary.accepted = areas.length;
  const byLevel = new Map<CollectionId, AdminArea[]>();
  for (const [level, collection] of LEVELS) {
    const now = areas.filter((a) => a.level === level);
    if (now.length === 0) continue;
    const old = new Map((versions.collection(collection) as AdminArea[]).map((a) => [a.code, a]));
    byLevel.set(
      collection,
      now.map((a) => {
        const was = old.get(a.code);
        if (!was || a.population > 0 || a.households > 0) return a;
        const { population, households, vulnerable, aged65 } = was;
        return {
          ...a,
          population,
          households,
          vulnerable,
          ...(aged65 === undefined ? {} : { aged65 }),
        };
      }),
    );
  }
  for (const [level, zh, en] of [
    ['townships', '乡镇（街道）', 'townships'],
    ['villages', '村（社区）', 'villages'],
  ] as const)
    if (!byLevel.has(level) && versions.collection(level).length > 0)
      problems.push(
        fileError(
          file,
          words(
            `文件中没有${zh}边界：乡镇和村的边界须一起导入`,
            `no ${en} in the file: townships and villages are imported together`,
          ),
        ),
      );
  if (problems.some((p) => p.level === 'error')) return refused(problems);
  const [w, s, e, n] = bbox({
    type: 'GeometryCollection',
    geometries: areas.map((a) => a.geometry),
  }) as [number, number, number, number];
  return {
    areas: byLevel,
    problems,
    summary,
    patch: {
      bbox: [w, s, e, n],
      // The boundaries are now the bureau's own: the manifest says so (and no longer "synthetic").
      sources: [
        ...meta.sources.filter((src) => !/boundar|outline|边界/i.test(`${src.what} ${src.source}`)),
        { what: 'administrative boundaries', source: `imported from ${file} by ${by}`, real: true },
      ],
    },
  };
}
