import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ScenarioId, StationReading } from '../../shared/protocol/index.ts';
import { fetchStationObservations, fetchStationReadings } from '../api/station-reads.ts';

/** Gauges report every 5 minutes: the console asks for their latest once a minute. */
const READINGS_EVERY_MS = 60_000;

/**
 * Every reporting station's latest, by station id, and how far the gateway's clock is ahead of
 * this browser's (staleness is judged on the gateway's time: a wall PC's clock drifts). Asked
 * again each minute, and at once when a rule fires or clears.
 */
export function stationReadingsQuery(scenario: ScenarioId) {
  return queryOptions({
    queryKey: ['stations', scenario, 'readings'],
    staleTime: READINGS_EVERY_MS,
    refetchInterval: READINGS_EVERY_MS,
    meta: { staleOn: (e) => e.type === 'firing:open' || e.type === 'firing:clear' },
    queryFn: async ({ signal }) => {
      const answer = await fetchStationReadings(scenario, signal);
      return {
        byStation: new Map<string, StationReading>(answer.readings.map((r) => [r.station, r])),
        skewMs: Date.parse(answer.at) - Date.now(),
      };
    },
  });
}

export function useStationReadings(scenario: ScenarioId, enabled = true) {
  return useQuery({ ...stationReadingsQuery(scenario), enabled });
}

/** A station's series for its chart; kept a minute, asked again when its rules fire. */
export function useStationSeries(scenario: ScenarioId, station: string, hours: number) {
  return useQuery({
    queryKey: ['stations', scenario, 'series', station, hours],
    staleTime: READINGS_EVERY_MS,
    refetchInterval: READINGS_EVERY_MS,
    meta: {
      staleOn: (e) =>
        (e.type === 'firing:open' || e.type === 'firing:clear') && e.payload.station === station,
    },
    queryFn: ({ signal }) => fetchStationObservations(scenario, station, hours, signal),
  });
}
