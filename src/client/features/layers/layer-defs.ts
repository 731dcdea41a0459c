import {
  CameraSite,
  DepotLevel,
  IncidentStatus,
  IncidentType,
  RiskPointType,
  SeverityLevel,
  ShelterStatus,
  ShelterType,
  TeamKind,
  TeamStatus,
  WarningColour,
  HazardStatus,
  HiddenHazardLevel,
  OPEN_HAZARD,
  type CollectionId,
} from '../../../shared/protocol/index.ts';
import type { LayerChoice, LayerId } from '../../state/view-state.ts';

export interface FilterDef {
  field: string;
  /** Key under `enums.` in the translations. */
  enumKey: string;
  options: readonly string[];
}

const BOOL = ['true', 'false'] as const;

/** Which collection feeds each entity layer, and what it can be filtered by. */
export const LAYER_SOURCE: Record<
  Exclude<LayerId, 'townships' | 'villages' | 'hazard-reports'>,
  CollectionId
> = {
  warnings: 'warnings',
  'risk-points': 'risk-points',
  shelters: 'shelters',
  depots: 'depots',
  cameras: 'cameras',
  'grid-members': 'grid-members',
  teams: 'teams',
  incidents: 'incidents',
  hazards: 'open-hazards',
};

export const FILTERS: Partial<Record<LayerId, FilterDef[]>> = {
  'risk-points': [
    { field: 'type', enumKey: 'riskType', options: RiskPointType.options },
    { field: 'level', enumKey: 'level', options: SeverityLevel.options },
    { field: 'status', enumKey: 'hazardStatus', options: HazardStatus.options },
  ],
  shelters: [
    { field: 'type', enumKey: 'shelterType', options: ShelterType.options },
    { field: 'status', enumKey: 'shelterStatus', options: ShelterStatus.options },
  ],
  teams: [
    { field: 'kind', enumKey: 'teamKind', options: TeamKind.options },
    { field: 'status', enumKey: 'teamStatus', options: TeamStatus.options },
  ],
  depots: [{ field: 'level', enumKey: 'depotLevel', options: DepotLevel.options }],
  cameras: [
    { field: 'site', enumKey: 'cameraSite', options: CameraSite.options },
    { field: 'online', enumKey: 'online', options: BOOL },
  ],
  'grid-members': [
    { field: 'online', enumKey: 'online', options: BOOL },
    { field: 'fullTime', enumKey: 'fullTime', options: BOOL },
  ],
  incidents: [
    { field: 'type', enumKey: 'incidentType', options: IncidentType.options },
    { field: 'severity', enumKey: 'level', options: SeverityLevel.options },
    { field: 'status', enumKey: 'incidentStatus', options: IncidentStatus.options },
  ],
  hazards: [
    { field: 'status', enumKey: 'hazardStatus', options: [...OPEN_HAZARD, 'rectified'] },
    { field: 'level', enumKey: 'hiddenLevel', options: HiddenHazardLevel.options },
  ],
  warnings: [{ field: 'level', enumKey: 'warningColour', options: WarningColour.options }],
};

/** Whether an entity passes a layer's filters (a field without a filter passes). */
export function passes(entity: object, filters: LayerChoice['filters']): boolean {
  for (const [field, values] of Object.entries(filters)) {
    if (!values.includes(String((entity as Record<string, unknown>)[field]))) return false;
  }
  return true;
}
