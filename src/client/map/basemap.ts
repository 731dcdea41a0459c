import type {
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { addProtocol } from 'maplibre-gl';
import { THEME_COLOURS, type Theme } from './base-style.ts';
import { requestHeaders } from './request-headers.ts';

const PREFIX = 'basemap-';

/** What the map engine needs of a basemap (the gateway's catalog entries have this shape). */
export interface BasemapSource {
  /** Raster tile URL templates, bottom first. */
  raster?: readonly string[];
  /** Path of a PMTiles vector archive on this origin. */
  pmtiles?: string;
  /** A MapLibre style document to draw under the data. */
  styleUrl?: string;
  maxzoom: number;
  attribution: string;
}
let pmtilesReady: Promise<void> | null = null;

let addArchive: ((url: string) => void) | null = null;

/**
 * MapLibre reads `pmtiles://` URLs through the pmtiles library (loaded when first needed); each
 * archive's range requests carry the headers the app gives the map (its credential).
 */
async function registerPmtiles(url: string): Promise<void> {
  pmtilesReady ??= import('pmtiles').then(({ FetchSource, PMTiles, Protocol }) => {
    const protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
    class AuthorisedSource extends FetchSource {
      override getBytes(offset: number, length: number, signal?: AbortSignal, etag?: string) {
        this.setHeaders(new Headers(requestHeaders(this.url)));
        return super.getBytes(offset, length, signal, etag);
      }
    }
    addArchive = (u) => protocol.add(new PMTiles(new AuthorisedSource(u)));
  });
  await pmtilesReady;
  addArchive?.(url);
}

/** Colours of the vector basemap per theme: quiet, so the data on top is what stands out. */
const VECTOR_COLOURS: Record<Theme, Record<string, string>> = {
  dark: {
    earth: '#0b1628',
    highway: '#41618f',
    major: '#2d4b74',
    minor: '#213756',
    path: '#1a2c45',
    boundary: '#4a6a96',
  },
  light: {
    earth: '#f7f4ee',
    highway: '#f3b562',
    major: '#ffffff',
    minor: '#ffffff',
    path: '#ece7dc',
    boundary: '#9aa7b8',
  },
};

/**
 * The style of a vector basemap with Protomaps layer names (earth, water, roads, boundaries,
 * `kind` on each feature): the archive baked from the fixtures, or a Protomaps extract.
 */
export function vectorBasemapLayers(theme: Theme, source: string): LayerSpecification[] {
  const c = VECTOR_COLOURS[theme];
  const road = (kind: string, colour: string, minzoom: number, w: [number, number]) =>
    ({
      id: `${source}-roads-${kind}`,
      type: 'line',
      source,
      'source-layer': 'roads',
      minzoom,
      filter: ['==', ['get', 'kind'], kind],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': colour,
        'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 8, w[0], 16, w[1]],
      },
    }) satisfies LayerSpecification;
  return [
    {
      id: `${source}-earth`,
      type: 'fill',
      source,
      'source-layer': 'earth',
      paint: { 'fill-color': c.earth ?? '#000' },
    },
    {
      id: `${source}-water`,
      type: 'line',
      source,
      'source-layer': 'water',
      paint: {
        'line-color': THEME_COLOURS[theme].water,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 14, 8],
      },
    },
    road('path', c.path ?? '#000', 13, [0.5, 3]),
    road('minor_road', c.minor ?? '#000', 11, [0.5, 5]),
    road('major_road', c.major ?? '#000', 8, [1, 9]),
    road('highway', c.highway ?? '#000', 6, [1.5, 12]),
    {
      id: `${source}-boundaries`,
      type: 'line',
      source,
      'source-layer': 'boundaries',
      filter: ['in', ['get', 'kind'], ['literal', ['county', 'township']]],
      paint: {
        'line-color': c.boundary ?? '#000',
        'line-dasharray': [3, 2],
        'line-width': ['match', ['get', 'kind'], 'county', 2, 1],
      },
    },
  ];
}

/**
 * Puts a basemap under the data: its sources and layers go in just above the background and
 * below every data layer, and the previous basemap's come out. The data layers are never
 * touched (no `setStyle`), so switching basemaps costs no data upload. Returns the ids added.
 */
export async function applyBasemap(
  map: MapLibreMap,
  spec: BasemapSource,
  theme: Theme,
  previous: readonly string[],
): Promise<string[]> {
  const layers: LayerSpecification[] = [];
  const sources: Record<string, SourceSpecification> = {};
  const abs = (u: string, base = window.location.href) => new URL(u, base).toString();
  if (spec.raster) {
    spec.raster.forEach((url, i) => {
      const id = `${PREFIX}r${i}`;
      sources[id] = {
        type: 'raster',
        // MapLibre wants absolute URLs; the gateway's tile proxy is on this origin.
        tiles: [abs(url).replace(/%7B/g, '{').replace(/%7D/g, '}')],
        tileSize: 256,
        maxzoom: spec.maxzoom,
        attribution: spec.attribution,
      };
      layers.push({
        id,
        type: 'raster',
        source: id,
        // On the dark wall, bright road maps are dimmed so the data stays readable.
        paint:
          theme === 'dark'
            ? { 'raster-brightness-max': 0.62, 'raster-saturation': -0.35 }
            : { 'raster-brightness-max': 1 },
      });
    });
  } else if (spec.pmtiles) {
    await registerPmtiles(abs(spec.pmtiles));
    const id = `${PREFIX}vector`;
    sources[id] = {
      type: 'vector',
      url: `pmtiles://${abs(spec.pmtiles)}`,
      attribution: spec.attribution,
    };
    layers.push(...vectorBasemapLayers(theme, id));
  } else if (spec.styleUrl) {
    const styleUrl = spec.styleUrl;
    const res = await fetch(styleUrl, { headers: requestHeaders(styleUrl) });
    if (!res.ok) throw new Error(`style ${styleUrl}: HTTP ${res.status}`);
    const style = (await res.json()) as StyleSpecification;
    for (const [name, s] of Object.entries(style.sources)) {
      const src = { ...s } as SourceSpecification & { url?: string; tiles?: string[] };
      if (src.url) src.url = abs(src.url, styleUrl);
      if (src.tiles) src.tiles = src.tiles.map((t) => decodeURI(abs(t, styleUrl)));
      sources[`${PREFIX}${name}`] = src;
    }
    if (style.glyphs)
      map.setGlyphs(abs(style.glyphs, styleUrl).replace(/%7B/g, '{').replace(/%7D/g, '}'));
    for (const l of style.layers) {
      if (l.type === 'background') continue;
      const renamed: LayerSpecification = { ...l, id: `${PREFIX}${l.id}` };
      if ('source' in renamed && typeof renamed.source === 'string')
        renamed.source = `${PREFIX}${renamed.source}`;
      layers.push(renamed);
    }
  }
  for (const id of previous) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of previous) if (map.getSource(id)) map.removeSource(id);
  const before = map
    .getStyle()
    .layers.find((l) => l.id !== 'background' && !l.id.startsWith(PREFIX))?.id;
  for (const [id, s] of Object.entries(sources)) map.addSource(id, s);
  for (const l of layers) map.addLayer(l, before);
  return [...layers.map((l) => l.id), ...Object.keys(sources)];
}

export const isBasemapSource = (id: string | undefined): boolean => id?.startsWith(PREFIX) ?? false;
