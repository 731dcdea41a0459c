/**
 * The ids of the layers a user can switch. Each layer's own file (features/layers/kinds) adds its
 * id here by declaration merging:
 *
 *   declare module '../../../state/layer-ids.ts' { interface LayerIds { cameras: true } }
 *
 * so the view, its links and other features know every layer id by type without importing the
 * layers (features may not import each other, and the view must not depend on deck.gl). The
 * registry checks that every id declared here has a registered layer.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface LayerIds {}

export type LayerId = Extract<keyof LayerIds, string>;

export interface LayerChoice {
  on: boolean;
  /** 0–1 */
  opacity: number;
  /** Allowed values per filterable field; a missing field allows everything. */
  filters: Record<string, string[]>;
}

/** Every layer's starting choice: which layers exist, and which are on in a fresh console. */
export type LayerDefaults = Readonly<Record<LayerId, LayerChoice>>;
