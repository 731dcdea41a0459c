import type { ReactNode } from 'react';
import type { LonLat, ScenarioId } from '../../shared/protocol/index.ts';
import { CameraList, PlayCamera } from '../features/cameras/camera-list.tsx';
import type { Playing } from '../features/cameras/video-panel.tsx';
import { DispatchTracker } from '../features/dispatch/dispatch-tracker.tsx';
import { HazardActions } from '../features/hazards/hazard-actions.tsx';
import { StationChart } from '../features/hydro/station-chart.tsx';
import { IncidentActions } from '../features/incidents/incident-actions.tsx';
import { WallFocusButton } from '../features/wall-control/wall-control.tsx';
import type { LayerId } from '../state/view-state.ts';

export interface ExtrasInput {
  scenario: ScenarioId;
  /** The selected entity's id. */
  id: string;
  /** Recommended teams for a selected open incident (dispatch's panel). */
  dispatch: ReactNode;
  /** Where cameras near a selected incident should look (dispatch's answer). */
  watch: LonLat[] | null;
  onPlay: (p: Playing) => void;
}

/**
 * What other features add to a selected entity's details, by the layer it is on. The details
 * panel is the layers feature's; features do not import each other, so the shell puts the
 * pieces together here, one entry per layer.
 */
const EXTRAS: Partial<Record<LayerId, (x: ExtrasInput) => ReactNode>> = {
  incidents: ({ scenario, id, dispatch, watch, onPlay }) => (
    <>
      <IncidentActions
        scenario={scenario}
        id={id}
        more={<WallFocusButton scenario={scenario} id={id} />}
      />
      {dispatch}
      <DispatchTracker scenario={scenario} id={id} />
      {watch && <CameraList scenario={scenario} points={watch} onPlay={onPlay} />}
    </>
  ),
  hazards: ({ scenario, id }) => <HazardActions scenario={scenario} id={id} />,
  cameras: ({ scenario, id, onPlay }) => <PlayCamera scenario={scenario} id={id} onPlay={onPlay} />,
  stations: ({ scenario, id }) => <StationChart scenario={scenario} id={id} />,
};

export function SelectionExtras({ layer, ...input }: ExtrasInput & { layer: LayerId }) {
  return EXTRAS[layer]?.(input) ?? null;
}
