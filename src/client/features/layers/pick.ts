import type { LayerId } from '../../state/view-state.ts';

/** What a map pick means to the console. */
export type Picked =
  | { kind: 'entity'; layer: LayerId; id: string; object: unknown }
  | { kind: 'cluster'; layer: LayerId; count: number }
  | { kind: 'area'; code: string; name: string }
  | { kind: 'aggregate'; layer: LayerId; name: string; count: number };

const LAYER_OF: Record<string, LayerId> = {
  'risk-points-icon': 'risk-points',
  'risk-points-cluster': 'risk-points',
  'shelters-circle': 'shelters',
  'shelters-cluster': 'shelters',
  'depots-icon': 'depots',
  'cameras-dot': 'cameras',
  'cameras-cluster': 'cameras',
  'warnings-fill': 'warnings',
  teams: 'teams',
  'teams-agg': 'teams',
  'grid-members': 'grid-members',
  'grid-members-agg': 'grid-members',
  incidents: 'incidents',
  hazards: 'hazards',
};

/** Turns a pick from the map engine (layer id + properties or deck object) into a meaning. */
export function interpretPick(
  layerId: string,
  properties: Record<string, unknown>,
  object: unknown,
): Picked | null {
  if (layerId === 'choropleth-fill' || layerId === 'village-areas-fill') {
    return { kind: 'area', code: String(properties.code), name: String(properties.name) };
  }
  const layer = LAYER_OF[layerId];
  if (!layer) return null;
  if (layerId.endsWith('-cluster'))
    return { kind: 'cluster', layer, count: Number(properties.point_count) };
  if (layerId.endsWith('-agg')) {
    const d = object as { name: string; count: number };
    return { kind: 'aggregate', layer, name: d.name, count: d.count };
  }
  const fromObject = (object as { id?: unknown; identifier?: unknown } | null) ?? {};
  const id = properties.id ?? properties.identifier ?? fromObject.id ?? fromObject.identifier;
  return typeof id === 'string' ? { kind: 'entity', layer, id, object } : null;
}
