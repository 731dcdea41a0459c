import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import { useMemo, type ReactNode } from 'react';
import { useAudience } from '../../api/use-whoami.ts';
import type { LayerGroup } from '../../map/layer-group.ts';
import type { LiveDeck } from '../../map/map-view.tsx';
import { useToday } from '../../state/use-today.ts';
import type { LayerId, ViewState } from '../../state/view-state.ts';
import type { LayerBuild, LayerCount, LayerInput } from './layer-spec.ts';
import { POINT_ZOOM } from './parts/township-counts.ts';
import { LAYERS } from './registry.ts';

export interface LayersOutput {
  groups: LayerGroup[];
  deckLayers: Layer[];
  /** Dots drawn from streamed positions (null until the gateway sends them). */
  liveDeck: LiveDeck | null;
  counts: Partial<Record<LayerId, LayerCount>>;
  loading: LayerId[];
  /** Layers of people this reader may not see: sign in to show them. */
  locked: LayerId[];
  errors: string[];
  /** Each layer's own controls for its panel row. */
  controls: Partial<Record<LayerId, ReactNode>>;
}

/**
 * Every layer of the console from the read API and the view's choices, built by the layers'
 * own files in registry order. Data of a layer loads when the layer is first switched on;
 * filters apply before clustering, so cluster counts are honest.
 */
export function useLayers(
  view: ViewState,
  zoom: number,
  townships: FeatureCollection | null,
  /** Symbol scale for the screen size (see useUiScale). */
  scale = 1,
  /** A wall the public can see leaves sensitive incidents off the map. */
  hideSensitive = false,
): LayersOutput {
  const people = useAudience() === 'full';
  const today = useToday();
  // A 4K wall shows twice the ground at the same zoom: judge clutter by screen-scaled zoom.
  const near = zoom - Math.log2(scale) >= POINT_ZOOM;
  const common = { view, theme: view.theme, scale, near, today, townships, people, hideSensitive };
  // The registry is a constant: the same hooks run in the same order on every render.
  const built: LayerBuild[] = LAYERS.map((spec) => {
    const input: LayerInput = { ...common, choice: view.layers[spec.id] };
    return spec.useBuild(input);
  });

  const groups = useConcat(built.map((b) => b.groups));
  const deckLayers = useConcat(built.map((b) => b.deck));
  const out: LayersOutput = {
    groups,
    deckLayers,
    liveDeck: built.find((b) => b.live)?.live ?? null,
    counts: {},
    loading: [],
    locked: [],
    errors: [],
    controls: {},
  };
  LAYERS.forEach(({ id, people: ofPeople }, i) => {
    const b = built[i] ?? {};
    if (b.count) out.counts[id] = b.count;
    if (b.fetching && view.layers[id].on) out.loading.push(id);
    if (ofPeople && !people) out.locked.push(id);
    if (b.error) out.errors.push(b.error.message);
    if (b.controls) out.controls[id] = b.controls;
  });
  return out;
}

/** A number per array, so a list of arrays can be compared by a string of their identities. */
const identities = new WeakMap<object, number>();
let lastIdentity = 0;
function identity(a: readonly unknown[] | undefined): number {
  if (!a) return 0;
  let id = identities.get(a);
  if (id === undefined) identities.set(a, (id = ++lastIdentity));
  return id;
}

/**
 * The layers' arrays one after another, the same array while every part is the same: the map
 * engine redraws on a new array, so an unchanged frame must not make one.
 */
function useConcat<T>(parts: readonly (readonly T[] | undefined)[]): T[] {
  const key = parts.map(identity).join(',');
  // The key changes exactly when some part is a different array: `parts` itself need not be a
  // dependency (a new list of the same arrays concatenates to the same thing).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => parts.flatMap((p) => p ?? []), [key]);
}
