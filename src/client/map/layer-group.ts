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
  /** Cluster the points (MapLibre's supercluster): cluster features carry `point_count`. */
  cluster?: { radius: number; maxZoom: number };
  /** Layers of this group that answer hover and click. */
  pickable?: readonly string[];
  /** Icons the layers use, by name; drawn by the feature (no sprite server). */
  images?: Readonly<Record<string, ImageData>>;
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

function sourceKey(g: LayerGroup): string {
  return JSON.stringify(g.cluster ?? null);
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
    if (sourceKey(old) !== sourceKey(g)) {
      // Clustering is fixed when a source is made: make the group anew.
      diff.removeGroups.push(g.id);
      diff.addGroups.push(g);
      continue;
    }
    if (old.data !== g.data) diff.updateData.push(g);
    if (layerKey(old) !== layerKey(g)) diff.replaceLayers.push(g);
  }
  return diff;
}

/**
 * Where a group's layers go: below its `beforeId`, else below the first layer of the next group
 * in the list that is already on the map. Groups arrive in any order (data loads at different
 * speeds); the stack must still follow the list.
 */
function insertionPoint(
  map: MapLibreMap,
  next: readonly LayerGroup[],
  index: number,
): string | undefined {
  const g = next[index];
  if (g?.beforeId && map.getLayer(g.beforeId)) return g.beforeId;
  for (let i = index + 1; i < next.length; i++) {
    const first = next[i]?.layers.find((l) => map.getLayer(l.id));
    if (first) return first.id;
  }
  return undefined;
}

function addLayers(map: MapLibreMap, g: LayerGroup, before: string | undefined): void {
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
  const at = new Map(next.map((g, i) => [g.id, i]));
  for (const g of diff.addGroups) {
    for (const [name, image] of Object.entries(g.images ?? {})) {
      if (!map.hasImage(name)) map.addImage(name, image, { pixelRatio: 2 });
    }
    map.addSource(g.id, {
      type: 'geojson',
      data: g.data,
      ...(g.cluster
        ? { cluster: true, clusterRadius: g.cluster.radius, clusterMaxZoom: g.cluster.maxZoom }
        : {}),
    });
    addLayers(map, g, insertionPoint(map, next, at.get(g.id) ?? next.length));
  }
  for (const g of diff.updateData) {
    const source = map.getSource(g.id);
    if (source && 'setData' in source)
      (source as { setData(d: FeatureCollection): void }).setData(g.data);
  }
  for (const g of diff.replaceLayers) {
    removeLayers(map, old.get(g.id)?.layers ?? []);
    addLayers(map, g, insertionPoint(map, next, at.get(g.id) ?? next.length));
  }
}
