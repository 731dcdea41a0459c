import 'maplibre-gl/dist/maplibre-gl.css';
import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type LngLatBoundsLike,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { THEME_COLOURS, offlineBaseStyle, type Theme } from './base-style.ts';
import { applyGroups, type LayerGroup } from './layer-group.ts';

// Vite moves MapLibre's worker away from its module; tell MapLibre where it went.
setWorkerUrl(workerUrl);

/** Fonts that draw Chinese labels locally (no glyph server): Noto CJK on Linux, system fonts elsewhere. */
export const LOCAL_FONTS =
  '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export interface MapViewProps {
  theme: Theme;
  groups: readonly LayerGroup[];
  /** Fit the camera to these bounds whenever the value changes (compare by content). */
  fitTo: [number, number, number, number] | null;
  onLoad?: (map: MapLibreMap) => void;
}

declare global {
  interface Window {
    /** Handle for browser tests and debugging in the console. */
    __onemap?: { map: MapLibreMap };
  }
}

/** One long-lived MapLibre map; features hand it layer groups, it knows no domain. */
export function MapView({ theme, groups, fitTo, onLoad }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const applied = useRef<readonly LayerGroup[]>([]);
  // The map is created once; these refs give its creation the current values without
  // re-running it.
  const initialTheme = useRef(theme);
  const onLoadRef = useRef(onLoad);
  useEffect(() => {
    onLoadRef.current = onLoad;
  }, [onLoad]);

  useEffect(() => {
    if (!container.current) return;
    const m = new MapLibreMap({
      container: container.current,
      style: offlineBaseStyle(initialTheme.current),
      center: [113.64, 34.72],
      zoom: 10,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_FONTS,
      // Keep the drawing buffer so screenshots and PNG export see the map.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    m.addControl(new NavigationControl({ visualizePitch: true }), 'bottom-right');
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    m.on('load', () => {
      window.__onemap = { map: m };
      setMap(m);
      onLoadRef.current?.(m);
    });
    return () => {
      applied.current = [];
      m.remove();
    };
  }, []);

  useEffect(() => {
    map?.setPaintProperty('background', 'background-color', THEME_COLOURS[theme].background);
  }, [map, theme]);

  useEffect(() => {
    if (!map) return;
    applyGroups(map, applied.current, groups);
    applied.current = groups;
  }, [map, groups]);

  // Compared by content: a new array with the same bounds must not move the camera.
  const fitKey = fitTo?.join(',') ?? '';
  useEffect(() => {
    if (!map || !fitKey) return;
    const [w, s, e, n] = fitKey.split(',').map(Number);
    map.fitBounds([w, s, e, n] as LngLatBoundsLike, { padding: 48, duration: 0 });
  }, [map, fitKey]);

  return <div ref={container} className="map-view" data-testid="map" />;
}
