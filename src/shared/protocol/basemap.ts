import { z } from 'zod';

/**
 * Basemaps a console can draw under the data. `plain` is the scenario's own geometry on a flat
 * background (nothing leaves the machine); `vector` a PMTiles archive the gateway serves (baked
 * from the fixtures at set-up, or one configured); the others are tile services the gateway
 * proxies and caches; `custom` a MapLibre style URL (an intranet tile server).
 */
export const BasemapId = z.enum(
  ['plain', 'vector', 'osm', 'tianditu-vec', 'tianditu-img', 'gaode', 'gaode-sat', 'custom'],
  {
    error:
      'basemap must be plain, vector, osm, tianditu-vec, tianditu-img, gaode, gaode-sat or custom',
  },
);
export type BasemapId = z.infer<typeof BasemapId>;

/** The datum a basemap's tiles are drawn in: data is shifted to match GCJ-02 tiles. */
export const BasemapCrs = z.enum(['wgs84', 'gcj02']);
export type BasemapCrs = z.infer<typeof BasemapCrs>;

export const BasemapSpec = z.object({
  id: BasemapId,
  crs: BasemapCrs,
  /** Raster tile URL templates ({z}/{x}/{y}), bottom first (imagery, then its labels). */
  raster: z.array(z.string()).optional(),
  /** `pmtiles://` URL of a vector archive on the gateway, drawn with OneMap's basemap style. */
  pmtiles: z.string().optional(),
  /** A MapLibre style document's URL, its sources and layers drawn under the data. */
  styleUrl: z.string().optional(),
  maxzoom: z.number().int().min(0).max(24),
  attribution: z.string(),
});
export type BasemapSpec = z.infer<typeof BasemapSpec>;

/** `GET /api/basemaps?scenario=…`: what this gateway offers, and which one it starts with. */
export const BasemapCatalog = z.object({
  default: BasemapId,
  basemaps: z.array(BasemapSpec),
});
export type BasemapCatalog = z.infer<typeof BasemapCatalog>;
