import { i18next, LANGUAGES } from '../../i18n/index.ts';
import type { LayerDefaults, LayerId } from '../../state/view-state.ts';
import { cameras } from './kinds/cameras.tsx';
import { depots } from './kinds/depots.tsx';
import { gridMembers } from './kinds/grid-members.tsx';
import { hazardReports } from './kinds/hazard-reports.tsx';
import { hazards } from './kinds/hazards.tsx';
import { incidents } from './kinds/incidents.tsx';
import { riskPoints } from './kinds/risk-points.tsx';
import { shelters } from './kinds/shelters.tsx';
import { stations } from './kinds/stations.tsx';
import { teams } from './kinds/teams.tsx';
import { townships } from './kinds/townships.tsx';
import { villages } from './kinds/villages.tsx';
import { warnings } from './kinds/warnings.tsx';
import type { LayerSpec, PickKind } from './layer-spec.ts';

type Missing<T extends readonly LayerSpec[]> = Exclude<LayerId, T[number]['id']>;

/**
 * The list as it is, if it holds every layer id some layer's file declares: a file left out of
 * the registry fails to compile here, its id named in the error.
 */
function everyLayer<const T extends readonly LayerSpec[]>(
  list: T & ([Missing<T>] extends [never] ? unknown : { missing: Missing<T> }),
): readonly LayerSpec[] {
  return list;
}

/**
 * Every layer of the console, bottom to top: the order they are drawn in (MapLibre groups first,
 * deck.gl layers above them) and, reversed, the order of the layer panel.
 */
export const LAYERS = everyLayer([
  townships,
  villages,
  hazardReports,
  hazards,
  warnings,
  cameras,
  stations,
  depots,
  shelters,
  riskPoints,
  gridMembers,
  teams,
  incidents,
]);

const BY_ID = new Map(LAYERS.map((l) => [l.id, l]));
if (BY_ID.size !== LAYERS.length) throw new Error('two registered layers share an id');

/** The layer of an id (every LayerId has one: see the check below). */
export function layerSpec(id: LayerId): LayerSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`layer ${id} is declared but not registered`);
  return spec;
}

/** Every layer's starting choice, in registry order. */
export const LAYER_DEFAULTS = Object.fromEntries(
  LAYERS.map((l) => [l.id, { on: l.defaultOn ?? false, opacity: 1, filters: {} }]),
) as LayerDefaults;

/** Which layer an engine layer id belongs to, and what a pick on it means. */
export const PICKS: ReadonlyMap<string, { layer: LayerId; kind: PickKind }> = new Map(
  LAYERS.flatMap((l) =>
    Object.entries(l.picks ?? {}).map(([engineId, kind]) => [engineId, { layer: l.id, kind }]),
  ),
);

// Each layer brings its own name in both languages: `layers.<id>` like every other string.
for (const lang of LANGUAGES) {
  const names = Object.fromEntries(LAYERS.map((l) => [l.id, l.name[lang]]));
  i18next.addResourceBundle(lang, 'translation', { layers: names }, true, false);
}
