import type { LayerId } from '../../state/view-state.ts';
import { PICKS } from './registry.ts';

/** What a map pick means to the console. */
export type Picked =
  | { kind: 'entity'; layer: LayerId; id: string; object: unknown }
  | { kind: 'cluster'; layer: LayerId; count: number }
  | { kind: 'area'; code: string; name: string }
  | { kind: 'aggregate'; layer: LayerId; name: string; count: number };

/** Turns a pick from the map engine (layer id + properties or deck object) into a meaning. */
export function interpretPick(
  layerId: string,
  properties: Record<string, unknown>,
  object: unknown,
): Picked | null {
  const pick = PICKS.get(layerId);
  if (!pick) return null;
  const { layer, kind } = pick;
  switch (kind) {
    case 'area':
      return { kind, code: String(properties.code), name: String(properties.name) };
    case 'cluster':
      return { kind, layer, count: Number(properties.point_count) };
    case 'aggregate': {
      const d = object as { name: string; count: number };
      return { kind, layer, name: d.name, count: d.count };
    }
    case 'entity': {
      const fromObject = (object as { id?: unknown; identifier?: unknown } | null) ?? {};
      const id = properties.id ?? properties.identifier ?? fromObject.id ?? fromObject.identifier;
      return typeof id === 'string' ? { kind, layer, id, object } : null;
    }
  }
}
