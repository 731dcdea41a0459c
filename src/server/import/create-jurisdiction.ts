import { bbox } from '@turf/turf';
import { basename } from 'node:path';
import { emptyHistoryTables } from '../../shared/columnar/history.ts';
import { readBoundaries } from '../../shared/import/boundaries.ts';
import { fileError, words, type Problem } from '../../shared/import/problems.ts';
import { jsonLines } from '../../shared/json-lines.ts';
import { ScenarioMeta, type AdminArea, type ScenarioId } from '../../shared/protocol/index.ts';
import { JurisdictionVersions } from './jurisdiction-versions.ts';
import { readBoundaryFile } from './read-boundary-file.ts';

export interface CreateRequest {
  dataDir: string;
  id: ScenarioId;
  name: string;
  nameEn: string;
  /**
   * The jurisdiction's areas (county, townships, villages): a GeoJSON FeatureCollection, a
   * Shapefile or a ZIP holding one (see readBoundaryFile).
   */
  boundaries: string;
  apply: boolean;
  by: string;
}

export interface CreateOutcome {
  areas: Record<string, number>;
  problems: Problem[];
  applied: string | null;
}

/**
 * A new jurisdiction from its boundaries: the areas read and checked (readBoundaries), and with
 * `apply` and nothing refused, its first version written — the areas, empty registers and
 * histories, a manifest that says the boundaries are real and where they came from — and made
 * live. A running gateway serves it at its next look at the data directory.
 */
export async function createJurisdiction(req: CreateRequest): Promise<CreateOutcome> {
  const file = basename(req.boundaries);
  const read = await readBoundaryFile(req.boundaries);
  if (!read.features) return { areas: {}, applied: null, problems: read.notes };
  const features = read.features;
  const { areas, problems } = readBoundaries(file, features);
  problems.push(...read.notes);
  const of = (level: AdminArea['level']) => areas.filter((a) => a.level === level);
  const counts: Record<string, number> = {
    cities: of('city').length,
    counties: of('county').length,
    townships: of('township').length,
    villages: of('village').length,
  };
  if (counts.townships === 0)
    problems.push(
      fileError(
        file,
        words(
          '没有乡镇（街道）：一个辖区至少要有乡镇边界',
          'no townships: a jurisdiction needs at least its townships',
        ),
      ),
    );
  const outcome: CreateOutcome = { areas: counts, problems, applied: null };
  if (!req.apply || problems.some((p) => p.level === 'error')) return outcome;

  const top = of('city')[0] ?? of('county')[0];
  const root = top?.code ?? areas[0]?.code.slice(0, 6) ?? '';
  const [w, s, e, n] = bbox({
    type: 'GeometryCollection',
    geometries: areas.map((a) => a.geometry),
  }) as [number, number, number, number];

  const meta = ScenarioMeta.parse({
    id: req.id,
    name: req.name,
    nameEn: req.nameEn,
    rootCode: root.slice(0, 6),
    bbox: [w, s, e, n],
    center: top?.seat ?? [(w + e) / 2, (s + n) / 2],
    seed: 0,
    generatorVersion: 0,
    version: 'new',
    sources: [
      {
        what: 'administrative boundaries',
        source: `imported from ${file} by ${req.by}`,
        real: true,
      },
    ],
    counts,
  });
  const text = (items: readonly unknown[]) => new TextEncoder().encode(jsonLines(items));
  const tables = emptyHistoryTables(req.id);
  const files = new Map<string, Uint8Array>([
    ['cities.json', text(of('city'))],
    ['counties.json', text(of('county'))],
    ['townships.json', text(of('township'))],
    ['villages.json', text(of('village'))],
    ['hazard-reports.bin', tables['hazard-reports']],
    ['hidden-hazards.bin', tables['hidden-hazards']],
  ]);
  outcome.applied = new JurisdictionVersions(req.dataDir, req.id).create(files, meta, {
    by: req.by,
    files: [file],
    created: counts,
  });
  return outcome;
}
