import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';

/** A MapLibre style layer without its source: the group it belongs to supplies that. */
export type GroupLayer = DistributiveOmit<
  Exclude<LayerSpecification, { type: 'background' | 'raster' | 'hillshade' | 'color-relief' }>,
  'source'
>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What a feature hands the map engine: one GeoJSON source and the layers that draw it. The engine
 * knows nothing about what the data means. Keep `data` referentially stable: a new object is
 * what tells the engine to upload it again.
 */
export interface LayerGroup {
  id: string;
  data: FeatureCollection;
  layers: readonly GroupLayer[];
  /** Draw the group's layers below this layer of another group, if it exists. */
  beforeId?: string;
}

/** What changed between two lists of groups, as the minimal set of map operations. */
export interface GroupDiff {
  removeGroups: string[];
  addGroups: LayerGroup[];
  updateData: LayerGroup[];
  replaceLayers: LayerGroup[];
}

function layerKey(g: LayerGroup): string {
  return JSON.stringify([g.layers, g.beforeId ?? null]);
}

export function diffGroups(prev: readonly LayerGroup[], next: readonly LayerGroup[]): GroupDiff {
  const before = new Map(prev.map((g) => [g.id, g]));
  const after = new Set(next.map((g) => g.id));
  const diff: GroupDiff = { removeGroups: [], addGroups: [], updateData: [], replaceLayers: [] };
  for (const g of prev) if (!after.has(g.id)) diff.removeGroups.push(g.id);
  for (const g of next) {
    const old = before.get(g.id);
    if (!old) {
      diff.addGroups.push(g);
      continue;
    }
    if (old.data !== g.data) diff.updateData.push(g);
    if (layerKey(old) !== layerKey(g)) diff.replaceLayers.push(g);
  }
  return diff;
}

function addLayers(map: MapLibreMap, g: LayerGroup): void {
  const before = g.beforeId && map.getLayer(g.beforeId) ? g.beforeId : undefined;
  for (const layer of g.layers) {
    map.addLayer({ ...layer, source: g.id }, before);
  }
}

function removeLayers(map: MapLibreMap, layers: readonly GroupLayer[]): void {
  for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
}

/** Applies the difference between two group lists to a loaded map. */
export function applyGroups(
  map: MapLibreMap,
  prev: readonly LayerGroup[],
  next: readonly LayerGroup[],
): void {
  const diff = diffGroups(prev, next);
  const old = new Map(prev.map((g) => [g.id, g]));
  for (const id of diff.removeGroups) {
    removeLayers(map, old.get(id)?.layers ?? []);
    if (map.getSource(id)) map.removeSource(id);
  }
  for (const g of diff.addGroups) {
    map.addSource(g.id, { type: 'geojson', data: g.data });
    addLayers(map, g);
  }
  for (const g of diff.updateData) {
    const source = map.getSource(g.id);
    if (source && 'setData' in source)
      (source as { setData(d: FeatureCollection): void }).setData(g.data);
  }
  for (const g of diff.replaceLayers) {
    removeLayers(map, old.get(g.id)?.layers ?? []);
    addLayers(map, g);
  }
}
