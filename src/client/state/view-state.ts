import type { BasemapId, ScenarioId } from '../../shared/protocol/index.ts';
import type { LayerChoice, LayerDefaults, LayerId } from './layer-ids.ts';

export type { LayerChoice, LayerDefaults, LayerId } from './layer-ids.ts';

export const MEASURES = [
  'none',
  'population',
  'riskPoints',
  'openIncidents',
  'settlementRate',
] as const;
export type Measure = (typeof MEASURES)[number];

export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

/** Everything that makes up a screen: a link with this state reproduces it. */
export interface ViewState {
  scenario: ScenarioId;
  theme: 'dark' | 'light';
  /** The basemap picked in the console; null: the one the gateway offers first. */
  basemap: BasemapId | null;
  camera: Camera | null;
  layers: Record<LayerId, LayerChoice>;
  measure: Measure;
  /** Drill-down: the admin area in focus (6/9/12-digit code), null for the whole scenario. */
  area: string | null;
  selection: { layer: LayerId; id: string } | null;
  /** Time window of the historical reports layer, Unix ms. */
  timeRange: [number, number] | null;
}

/** A fresh console on `scenario`, its layers as the layer registry starts them. */
export function defaultViewState(layers: LayerDefaults, scenario: ScenarioId): ViewState {
  return {
    scenario,
    theme: 'dark',
    basemap: null,
    camera: null,
    layers: { ...layers },
    measure: 'population',
    area: null,
    selection: null,
    timeRange: null,
  };
}

export type ViewAction =
  | { type: 'scenario'; scenario: ScenarioId }
  | { type: 'theme'; theme: ViewState['theme'] }
  | { type: 'basemap'; basemap: BasemapId | null }
  | { type: 'load'; view: ViewState }
  | { type: 'camera'; camera: Camera }
  | { type: 'toggle'; layer: LayerId; on: boolean }
  | { type: 'opacity'; layer: LayerId; opacity: number }
  | { type: 'filter'; layer: LayerId; field: string; values: string[] | null }
  | { type: 'measure'; measure: Measure }
  | { type: 'area'; area: string | null }
  | { type: 'select'; selection: ViewState['selection'] }
  | { type: 'timeRange'; range: [number, number] | null };

/** Pure updates of the view; tested without React. */
export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'scenario':
      // Another scenario's codes and ids mean nothing here: drop focus, selection and camera.
      return action.scenario === state.scenario
        ? state
        : { ...state, scenario: action.scenario, area: null, selection: null, camera: null };
    case 'theme':
      return { ...state, theme: action.theme };
    case 'basemap':
      return { ...state, basemap: action.basemap };
    case 'load':
      return action.view;
    case 'camera':
      return { ...state, camera: action.camera };
    case 'toggle':
      return withLayer(state, action.layer, { on: action.on });
    case 'opacity':
      return withLayer(state, action.layer, { opacity: Math.min(1, Math.max(0, action.opacity)) });
    case 'filter': {
      const { [action.field]: _dropped, ...rest } = state.layers[action.layer].filters;
      const filters = action.values === null ? rest : { ...rest, [action.field]: action.values };
      return withLayer(state, action.layer, { filters });
    }
    case 'measure':
      return { ...state, measure: action.measure };
    case 'area':
      return { ...state, area: action.area };
    case 'select':
      return { ...state, selection: action.selection };
    case 'timeRange':
      return { ...state, timeRange: action.range };
  }
}

function withLayer(state: ViewState, id: LayerId, patch: Partial<LayerChoice>): ViewState {
  return { ...state, layers: { ...state.layers, [id]: { ...state.layers[id], ...patch } } };
}
