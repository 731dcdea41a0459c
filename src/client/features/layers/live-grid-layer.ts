import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { GridMember, ScenarioId } from '../../../shared/protocol/index.ts';
import type { LiveDeck } from '../../map/map-view.tsx';
import { positionStores, type PositionStore } from '../../live/position-store.ts';
import { GRID_MEMBER_COLOUR, rgba } from './palette.ts';

/** Binary data for deck.gl: attributes straight from the store, no per-object accessors. */
interface BinaryData {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
  };
  /** The entity under a pick (binary data has no objects of its own). */
  objectAt(index: number): GridMember | undefined;
}

/**
 * Grid members drawn from the live position store: a new data object per store version makes
 * deck.gl re-upload the two typed arrays (256 KB + 128 KB at Kaifeng's 32,000), with no
 * per-point JavaScript at all.
 */
export function liveGridLayer(
  store: PositionStore,
  members: readonly GridMember[],
  scale: number,
  opacity: number,
): Layer {
  const data: BinaryData = {
    length: store.count,
    attributes: {
      getPosition: { value: views.positions(store), size: 2 },
      getFillColor: { value: views.colours(store), size: 4, normalized: true },
    },
    objectAt: (i) => members[i],
  };
  return new ScatterplotLayer({
    id: 'grid-members',
    data,
    pickable: true,
    opacity,
    radiusUnits: 'pixels',
    radiusScale: scale,
    getRadius: 3,
  });
}

/**
 * deck.gl uploads an external attribute again only when it is handed a different typed array:
 * a fresh view over the same memory per version (no copy), so positions upload when they moved
 * and colours only when they changed.
 */
function versioned<T extends Float32Array | Uint8Array>(
  pick: (s: PositionStore) => [T, number],
  make: (t: T) => T,
) {
  const cache = new WeakMap<PositionStore, { version: number; view: T }>();
  return (store: PositionStore): T => {
    const [array, version] = pick(store);
    const hit = cache.get(store);
    if (hit && hit.version === version) return hit.view;
    const view = make(array);
    cache.set(store, { version, view });
    return view;
  };
}
const views = {
  positions: versioned(
    (s) => [s.positions, s.positionsVersion],
    (a) => new Float32Array(a.buffer, a.byteOffset, a.length),
  ),
  colours: versioned(
    (s) => [s.colours, s.coloursVersion],
    (a) => new Uint8Array(a.buffer, a.byteOffset, a.length),
  ),
};

/**
 * The live grid-member dots, when the gateway streams their positions and the map is near
 * enough to show dots: the map engine redraws them when the store changes, without React.
 */
export function useLiveGrid(
  scenario: ScenarioId,
  members: readonly GridMember[] | undefined,
  kept: readonly GridMember[],
  shown: boolean,
  scale: number,
  opacity: number,
): LiveDeck | null {
  const store = useSyncExternalStore(positionStores.subscribe, () => positionStores.get(scenario));
  const usable = store && members && members.length === store.count ? store : null;
  // The layer's filters decide which dots are visible: a mask in the colour alpha.
  useEffect(() => {
    if (!usable || !members) return;
    const keep = new Set(kept);
    const visible = Uint8Array.from(members, (m) => (keep.has(m) ? 1 : 0));
    const [r, g, b] = rgba(GRID_MEMBER_COLOUR);
    usable.style([r, g, b], visible);
  }, [usable, members, kept]);
  return useMemo(() => {
    if (!usable || !members || !shown) return null;
    return {
      subscribe: (listener: () => void) => usable.subscribe(listener),
      layers: () => {
        usable.fade();
        return [liveGridLayer(usable, members, scale, opacity)];
      },
    };
  }, [usable, members, shown, scale, opacity]);
}
