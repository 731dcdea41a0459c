import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { ReactNode } from 'react';
import type { CollectionId, EntityOf } from '../../../shared/protocol/index.ts';
import type { Language } from '../../i18n/index.ts';
import type { Theme } from '../../map/base-style.ts';
import type { LayerGroup } from '../../map/layer-group.ts';
import type { LiveDeck } from '../../map/map-view.tsx';
import type { LayerChoice, LayerId, ViewState } from '../../state/view-state.ts';

/** A field a layer can be filtered by, with its values. */
export interface FilterDef {
  field: string;
  /** Key under `enums.` in the translations. */
  enumKey: string;
  options: readonly string[];
}

/** What every layer is built from: the view and the screen it is drawn on. */
export interface LayerInput {
  view: ViewState;
  /** This layer's own choice (on, opacity, filters). */
  choice: LayerChoice;
  theme: Theme;
  /** Symbol scale for the screen size (see useUiScale). */
  scale: number;
  /** Zoomed in past POINT_ZOOM (judged at screen scale): dots rather than counts. */
  near: boolean;
  /** Today in China time (YYYY-MM-DD), for overdue marks. */
  today: string;
  townships: FeatureCollection | null;
  /** The reader may see people (names, phones, positions). */
  people: boolean;
  /** A wall the public can see leaves sensitive incidents off the map. */
  hideSensitive: boolean;
}

export interface LayerCount {
  shown: number;
  total: number;
}

/** What a layer gives the map and its row in the layer panel, each render. */
export interface LayerBuild {
  /** MapLibre groups, drawn in registry order (memoised: a new array redraws them). */
  groups?: readonly LayerGroup[];
  /** deck.gl layers, drawn in registry order above the groups (memoised likewise). */
  deck?: readonly Layer[];
  /** Dots drawn straight from a live store, outside React (see map-view's LiveDeck). */
  live?: LiveDeck | null;
  count?: LayerCount;
  /** Data of a layer loaded on first use is on its way. */
  fetching?: boolean;
  error?: Error | null;
  /** The layer's own controls in its panel row (a measure, a time window). */
  controls?: ReactNode;
}

/** What a pick on one of the layer's engine layers means. */
export type PickKind = 'entity' | 'cluster' | 'aggregate' | 'area';

/** The colour key in the layer's panel row and beside an exported map. */
export interface LegendDef {
  /** Key under `enums.` naming each coloured value. */
  enumKey: string;
  colours: Readonly<Record<string, string>>;
  /** A white ring marks overdue rectification. */
  overdue?: boolean;
  /** Points cluster when zoomed out; the ring's colour says whose clusters they are. */
  clusters?: { ring?: string };
}

/**
 * Everything about one layer, in one file (features/layers/kinds): its name in both languages,
 * where its data comes from, its filters, legend, picks, detail rows and how it is drawn.
 */
export interface LayerSpec<C extends CollectionId = CollectionId> {
  id: LayerId;
  name: Readonly<Record<Language, string>>;
  /** Shown in a fresh console. */
  defaultOn?: boolean;
  /** The collection behind the layer's entities: what a selection on it looks up. */
  source?: C;
  filters?: readonly FilterDef[];
  legend?: LegendDef;
  /** Key under `layers.` of a note in the panel row. */
  hint?: string;
  /** A layer of people: locked (sign in to see) for readers not cleared to see them. */
  people?: boolean;
  /** Engine layer ids (MapLibre or deck.gl) that answer picks for this layer, and their meaning. */
  picks?: Readonly<Record<string, PickKind>>;
  /** The rows of the details panel for a selected entity. */
  Details?: (props: { entity: EntityOf<C>; today: string }) => ReactNode;
  /**
   * Builds the layer: a hook, called for every registered layer in registry order on every render
   * (the registry is a constant, so the calls are the same each time, as React requires).
   */
  useBuild(input: LayerInput): LayerBuild;
}

/**
 * Types a layer's file against its collection, then erases the collection for the registry
 * (keeping the id's literal type, so the registry can check that every declared id is there).
 */
export function defineLayer<C extends CollectionId, I extends LayerId>(
  spec: LayerSpec<C> & { id: I },
): LayerSpec & { id: I } {
  return spec as unknown as LayerSpec & { id: I };
}
