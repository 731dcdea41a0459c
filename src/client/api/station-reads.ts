import {
  StationObservationsAnswer,
  StationReadingsAnswer,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { readJson } from './read-api.ts';

const base = (scenario: ScenarioId) => `/api/scenarios/${scenario}/stations`;

/** Every reporting station's latest, with the gateway's clock. */
export function fetchStationReadings(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/readings`, StationReadingsAnswer, { signal });
}

/** One station's observations over the last `hours`, with its rule firings. */
export function fetchStationObservations(
  scenario: ScenarioId,
  station: string,
  hours: number,
  signal?: AbortSignal,
) {
  return readJson(
    `${base(scenario)}/${encodeURIComponent(station)}/observations?hours=${hours}`,
    StationObservationsAnswer,
    { signal },
  );
}
