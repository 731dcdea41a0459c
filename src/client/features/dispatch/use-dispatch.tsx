import type { Layer } from '@deck.gl/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Incident, LonLat, ScenarioId } from '../../../shared/protocol/index.ts';
import { useCollection } from '../../data/collections.ts';
import type { LayerId } from '../../state/view-state.ts';
import { RecommendationsPanel, recommendationsQuery } from './recommendations-panel.tsx';
import { routesLayer } from './route-layer.ts';
import { useAudience } from '../../api/use-whoami.ts';

const NONE: ReadonlySet<string> = new Set();

/** Incidents still waiting for (more) teams. */
const OPEN: ReadonlySet<Incident['status']> = new Set(['reported', 'confirmed', 'dispatched']);

/**
 * For a selected open incident: the recommended teams (a panel for the shell to place) and their
 * routes (deck layers for the map).
 */
export function useDispatch(
  scenario: ScenarioId,
  selection: { layer: LayerId; id: string } | null,
  scale: number,
): {
  panel: ReactNode;
  layers: Layer[];
  /** The selected incident's position and the best team's route: where cameras should look. */
  watch: LonLat[] | null;
} {
  const incidents = useCollection(scenario, 'incidents', selection?.layer === 'incidents');
  const incident =
    selection?.layer === 'incidents' ? incidents.data?.byKey.get(selection.id) : undefined;
  // Recommending and sending teams is for signed-in staff (the gateway serves it to them only).
  const cleared = useAudience() === 'full';
  const open = cleared && incident !== undefined && OPEN.has(incident.status);
  const version = incident ? `${incident.status}:${incident.updatedAt}` : '';
  const query = useQuery({
    ...recommendationsQuery(scenario, incident?.id ?? '', version),
    enabled: open,
  });
  const suggestions = open ? query.data?.suggestions : undefined;
  // Teams picked for dispatch, per incident (a new selection starts with none).
  const [picks, setPicks] = useState<{ incident: string; teams: ReadonlySet<string> }>({
    incident: '',
    teams: new Set(),
  });
  const picked = picks.incident === incident?.id ? picks.teams : NONE;
  const setPicked = useCallback(
    (teams: ReadonlySet<string>) => setPicks({ incident: incident?.id ?? '', teams }),
    [incident?.id],
  );
  const layers = useMemo(
    () => (suggestions && suggestions.length > 0 ? [routesLayer(suggestions, picked, scale)] : []),
    [suggestions, picked, scale],
  );
  const route = suggestions?.[0]?.route.coordinates;
  const position = incident?.position;
  const watch = useMemo(() => (position ? [position, ...(route ?? [])] : null), [position, route]);
  const panel = open ? (
    <RecommendationsPanel
      scenario={scenario}
      incidentId={incident.id}
      version={version}
      picked={picked}
      onPicked={setPicked}
    />
  ) : null;
  return { panel, layers, watch };
}
