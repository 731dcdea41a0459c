import 'maplibre-gl/dist/maplibre-gl.css';
import type { LayersList, PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { THEME_COLOURS, offlineBaseStyle, type Theme } from './base-style.ts';
import { applyGroups, type LayerGroup } from './layer-group.ts';
import { useShapeDraw, type Drawing, type DrawnShape } from './shape-draw.ts';
import type { Position } from 'geojson';
import { applyBasemap, isBasemapSource, type BasemapSource } from './basemap.ts';
import { IDENTITY, type DisplayProjection } from './display-projection.ts';
import { setCurrentMap } from './current-map.ts';
import { requestHeaders } from './request-headers.ts';
import { LOCAL_FONTS } from './fonts.ts';

// Vite moves MapLibre's worker away from its module; tell MapLibre where it went.
setWorkerUrl(workerUrl);

/** A source of deck.gl layers that changes on its own schedule (e.g. streamed positions). */
export interface LiveDeck {
  /** Calls back (at most once per animation frame) when `layers()` would draw something new. */
  subscribe(listener: () => void): () => void;
  layers(): LayersList;
}

export interface MapCamera {
  lon: number;
  lat: number;
  zoom: number;
}

/** What is under the pointer: a MapLibre feature or a deck.gl object, by layer id. */
export interface Pick {
  layerId: string;
  properties: Record<string, unknown>;
  /** The deck.gl datum, when a deck layer was hit. */
  object: unknown;
  x: number;
  y: number;
  lngLat: [number, number];
}

export interface CameraTarget {
  key: number;
  bounds?: [number, number, number, number];
  center?: [number, number];
  zoom?: number;
}

export interface MapViewProps {
  theme: Theme;
  groups: readonly LayerGroup[];
  /** deck.gl layers, drawn interleaved in MapLibre's WebGL2 context. */
  deckLayers: LayersList;
  /** Layers over data that changes faster than React should render: redrawn when it says so. */
  liveDeck?: LiveDeck | null;
  /** Where to move the camera; a new `key` moves it again. */
  target: CameraTarget | null;
  initialCamera: MapCamera | null;
  onCamera?: (camera: MapCamera) => void;
  onPick?: (kind: 'hover' | 'click', pick: Pick | null) => void;
  /** A person moved the map (drag, wheel, keys): auto-fitting views stop fitting. */
  onUserMove?: () => void;
  /** Every click's coordinate, whatever it hit (placing things on the map). */
  onClickAt?: (lngLat: [number, number]) => void;
  /** While set, clicks draw shapes (handed over, in data coordinates, when finished) instead of picking. */
  drawing?: Drawing | null;
  /** The basemap under the data (null: the plain background). */
  basemap?: BasemapSource | null;
  /** Data (WGS-84) to map coordinates for that basemap's datum; clicks come back through it. */
  projection?: DisplayProjection;
  /** Hears why basemap tiles fail (null when a new basemap starts). */
  onBasemapError?: (message: string | null) => void;
  /** A basemap tile loaded (the link to the tile service works again). */
  onBasemapTile?: () => void;
  /** Text of the notice shown while the WebGL context is lost. */
  contextLostText: string;
}

declare global {
  interface Window {
    /** Handle for browser tests, benchmarks and debugging in the console. */
    __onemap?: { map: MapLibreMap; overlay: MapLibreOverlay };
  }
}

/** If the GPU does not give the context back within this time, the page reloads itself. */
const CONTEXT_RELOAD_MS = 8_000;

/**
 * One long-lived MapLibre map with deck.gl interleaved through a single overlay (one WebGL
 * context). Features hand it layer groups and deck layers; it knows no domain.
 */
export function MapView(props: MapViewProps) {
  const { theme, groups, deckLayers, target, contextLostText } = props;
  const container = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState<{ map: MapLibreMap; overlay: MapLibreOverlay } | null>(null);
  const [contextLost, setContextLost] = useState(false);
  const applied = useRef<readonly LayerGroup[]>([]);
  // Created once; the refs hand its callbacks the latest props without re-creating the map.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    if (!container.current) return;
    const start = latest.current.initialCamera;
    const proj = () => latest.current.projection ?? IDENTITY;
    const map = new MapLibreMap({
      container: container.current,
      style: offlineBaseStyle(latest.current.theme),
      center: proj().toDisplay(start ? [start.lon, start.lat] : [113.64, 34.72]),
      zoom: start?.zoom ?? 10,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_FONTS,
      // Keep the drawing buffer so screenshots and PNG export see the map.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      // Tiles from the gateway carry the app's credential (see request-headers.ts).
      transformRequest: (url) => ({ url, headers: requestHeaders(url) }),
    });
    map.addControl(new NavigationControl({ visualizePitch: true }), 'bottom-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });

    const pickAt = (e: MapMouseEvent): Pick | null => {
      const { x, y } = e.point;
      // Picks report where on the ground, in the data's own datum.
      const lngLat = proj().fromDisplay([e.lngLat.lng, e.lngLat.lat]);
      const info: PickingInfo | null = overlay.pickObject({ x, y, radius: 4 });
      // Binary (columnar) data has no objects; such data may offer `objectAt(index)`.
      const object: unknown =
        info?.object ??
        (info && info.index >= 0
          ? (
              info.layer?.props.data as { objectAt?: (i: number) => unknown } | undefined
            )?.objectAt?.(info.index)
          : undefined);
      if (info?.layer && object !== undefined && object !== null) {
        return { layerId: info.layer.id, properties: {}, object, x, y, lngLat };
      }
      const layers = applied.current
        .flatMap((g) => g.pickable ?? [])
        .filter((id) => map.getLayer(id));
      const hit = layers.length ? map.queryRenderedFeatures(e.point, { layers })[0] : undefined;
      if (!hit) return null;
      return { layerId: hit.layer.id, properties: hit.properties, object: hit, x, y, lngLat };
    };

    map.on('load', () => {
      // Added after the style loads, so deck's layers join MapLibre's layer stack.
      map.addControl(overlay);
      window.__onemap = { map, overlay };
      setCurrentMap(map);
      setReady({ map, overlay });
    });
    map.on('mousemove', (e) => {
      if (latest.current.drawing) return;
      const pick = pickAt(e);
      map.getCanvas().style.cursor = pick ? 'pointer' : '';
      latest.current.onPick?.('hover', pick);
    });
    map.on('error', (e: { sourceId?: string; error?: { message?: string } }) => {
      if (isBasemapSource(e.sourceId))
        latest.current.onBasemapError?.(e.error?.message ?? 'tile failed');
    });
    map.on('data', (e: { dataType?: string; sourceId?: string; tile?: unknown }) => {
      if (e.dataType === 'source' && e.tile && isBasemapSource(e.sourceId))
        latest.current.onBasemapTile?.();
    });
    map.on('mouseout', () => latest.current.onPick?.('hover', null));
    map.on('click', (e) => {
      if (latest.current.drawing) return;
      if (latest.current.onClickAt)
        latest.current.onClickAt(proj().fromDisplay([e.lngLat.lng, e.lngLat.lat]));
      else latest.current.onPick?.('click', pickAt(e));
    });
    map.on('movestart', (e: { originalEvent?: unknown }) => {
      // Only moves a person made carry the DOM event; fitting and flying do not.
      if (e.originalEvent) latest.current.onUserMove?.();
    });
    map.on('moveend', () => {
      const c = map.getCenter();
      const [lon, lat] = proj().fromDisplay([c.lng, c.lat]);
      latest.current.onCamera?.({ lon, lat, zoom: map.getZoom() });
    });

    // WebGL context loss (driver reset, GPU memory pressure on a 24/7 wall): say so, let
    // MapLibre restore, and reload if the context does not come back.
    const canvas = map.getCanvas();
    let reloadTimer: ReturnType<typeof setTimeout> | undefined;
    const onLost = (ev: Event) => {
      ev.preventDefault(); // allows the browser to restore the context
      setContextLost(true);
      reloadTimer = setTimeout(() => window.location.reload(), CONTEXT_RELOAD_MS);
    };
    const onRestored = () => {
      clearTimeout(reloadTimer);
      setContextLost(false);
      map.triggerRepaint();
    };
    canvas.addEventListener('webglcontextlost', onLost);
    canvas.addEventListener('webglcontextrestored', onRestored);
    return () => {
      clearTimeout(reloadTimer);
      canvas.removeEventListener('webglcontextlost', onLost);
      canvas.removeEventListener('webglcontextrestored', onRestored);
      applied.current = [];
      overlay.finalize();
      setCurrentMap(null);
      map.remove();
    };
  }, []);

  useEffect(() => {
    ready?.map.setPaintProperty('background', 'background-color', THEME_COLOURS[theme].background);
  }, [ready, theme]);

  const projection = props.projection ?? IDENTITY;
  // A new datum keeps the camera on the same place on the ground.
  const shownIn = useRef(projection);
  useEffect(() => {
    const before = shownIn.current;
    shownIn.current = projection;
    if (!ready || before === projection) return;
    const c = ready.map.getCenter();
    ready.map.jumpTo({ center: projection.toDisplay(before.fromDisplay([c.lng, c.lat])) });
  }, [ready, projection]);

  useEffect(() => {
    if (!ready) return;
    const shown = groups.map((g) => projection.group(g));
    applyGroups(ready.map, applied.current, shown);
    applied.current = shown;
  }, [ready, groups, projection]);

  // The basemap goes in under the data; one change at a time, in order.
  const basemap = props.basemap ?? null;
  const basemapIds = useRef<string[]>([]);
  const basemapQueue = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    if (!ready) return;
    latest.current.onBasemapError?.(null);
    basemapQueue.current = basemapQueue.current.then(async () => {
      try {
        basemapIds.current = await applyBasemap(
          ready.map,
          basemap ?? { maxzoom: 22, attribution: '' },
          theme,
          basemapIds.current,
        );
      } catch (e) {
        latest.current.onBasemapError?.((e as Error).message);
      }
    });
  }, [ready, basemap, theme]);

  const drawing = props.drawing ?? null;
  useShapeDraw(
    ready?.map ?? null,
    useMemo(() => {
      if (!drawing) return null;
      const back = (q: Position) => projection.fromDisplay(q);
      const toData = ({ geometry: g, ...rest }: DrawnShape): DrawnShape => ({
        ...rest,
        geometry:
          g.type === 'Point'
            ? { type: 'Point', coordinates: back(g.coordinates) }
            : g.type === 'LineString'
              ? { type: 'LineString', coordinates: g.coordinates.map(back) }
              : { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(back)) },
      });
      return { ...drawing, onShape: (s: DrawnShape) => drawing.onShape(toData(s)) };
    }, [drawing, projection]),
  );

  const liveDeck = props.liveDeck;
  useEffect(() => {
    if (!ready) return;
    const draw = () =>
      ready.overlay.setProps({
        layers: (liveDeck ? [...deckLayers, ...liveDeck.layers()] : deckLayers).map((l) =>
          l && typeof l === 'object' && 'clone' in l ? projection.deckLayer(l) : l,
        ),
      });
    draw();
    return liveDeck?.subscribe(draw);
  }, [ready, deckLayers, liveDeck, projection]);

  const targetKey = target?.key;
  useEffect(() => {
    const t = latest.current.target;
    if (!ready || !t) return;
    const proj = latest.current.projection ?? IDENTITY;
    if (t.bounds) {
      const [w, s] = proj.toDisplay([t.bounds[0], t.bounds[1]]);
      const [e, n] = proj.toDisplay([t.bounds[2], t.bounds[3]]);
      ready.map.fitBounds([w, s, e, n], { padding: 64, duration: 700 });
    } else if (t.center)
      ready.map.flyTo({
        center: proj.toDisplay(t.center),
        zoom: t.zoom ?? ready.map.getZoom(),
        duration: 900,
      });
  }, [ready, targetKey]);

  return (
    <div className="map-view" data-testid="map">
      <div ref={container} className="map-canvas" />
      {contextLost && (
        <div className="map-notice" role="alert">
          {contextLostText}
        </div>
      )}
    </div>
  );
}
