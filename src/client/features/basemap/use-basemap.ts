import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { BasemapId, BasemapSpec, ScenarioId } from '../../../shared/protocol/index.ts';
import { fetchBasemaps } from '../../api/read-api.ts';
import { GcjGrid, gcjToWgs } from '../../../shared/geo/gcj02.ts';
import {
  IDENTITY,
  shiftedProjection,
  type DisplayProjection,
} from '../../map/display-projection.ts';

/** Data shifted onto GCJ-02 tiles, interpolated on a grid over the scenario (and a margin). */
function gcjProjection(bounds: readonly [number, number, number, number]): DisplayProjection {
  const pad = 0.2;
  const grid = new GcjGrid([bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad]);
  return shiftedProjection({
    crs: 'gcj02',
    to: (lon, lat) => grid.toGcj(lon, lat),
    from: (lon, lat) => gcjToWgs([lon, lat]),
    toArray: (xy) => grid.toGcjArray(xy),
  });
}

export interface BasemapState {
  /** What the gateway offers (empty while loading). */
  offered: readonly BasemapSpec[];
  /** The basemap drawn: the one picked if offered, else the gateway's default. */
  spec: BasemapSpec | null;
  projection: DisplayProjection;
  error: string | null;
  onError: (message: string | null) => void;
  /** A basemap tile loaded. */
  onTile: () => void;
}

/** Quiet this long after a tile failure, then a tile that loads clears the warning. */
const RECOVERED_AFTER_MS = 3_000;

/**
 * The basemap under the map: the gateway's catalog for the scenario, the console's pick (from
 * the view, so a link carries it), and the display projection its datum asks for.
 */
export function useBasemap(
  scenario: ScenarioId,
  picked: BasemapId | null,
  bbox: readonly [number, number, number, number] | undefined,
): BasemapState {
  const catalog = useQuery({
    queryKey: ['basemaps', scenario],
    queryFn: ({ signal }) => fetchBasemaps(scenario, signal),
    staleTime: Infinity,
  }).data;
  const offered = catalog?.basemaps ?? [];
  const spec =
    offered.find((b) => b.id === picked) ?? offered.find((b) => b.id === catalog?.default) ?? null;
  const crs = spec?.crs ?? 'wgs84';
  const projection = useMemo(
    () => (crs === 'gcj02' && bbox ? gcjProjection(bbox) : IDENTITY),
    [crs, bbox],
  );
  const [error, setError] = useState<string | null>(null);
  const lastError = useRef(0);
  const onError = useCallback((message: string | null) => {
    if (message) lastError.current = Date.now();
    setError(message);
  }, []);
  // Tiles arriving again, a while after the last failure: the link is back, the banner goes.
  // (Right after a failure, tiles still loading from the cache do not count.)
  const onTile = useCallback(() => {
    if (Date.now() - lastError.current > RECOVERED_AFTER_MS) setError(null);
  }, []);
  return { offered, spec, projection, error, onError, onTile };
}
