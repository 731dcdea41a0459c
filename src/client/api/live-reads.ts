import { decodeTable } from '../../shared/columnar/table.ts';
import {
  BriefingAnswer,
  EventsAnswer,
  HazardStatsAnswer,
  PlanInForceAnswer,
  ReportStatsAnswer,
  WallAnswer,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { apiFetch, readJson } from './read-api.ts';

const base = (scenario: ScenarioId) => `/api/scenarios/${scenario}`;

/** The plan in force and each village's progress, with the seq they reflect. */
export function fetchPlanInForce(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/plans/current`, PlanInForceAnswer, { signal });
}

/** What the operator console last asked of the walls. */
export function fetchWallState(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/wall`, WallAnswer, { signal });
}

/** What the briefing's presenter shows now and the saved scenes. */
export function fetchBriefing(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/briefing`, BriefingAnswer, { signal });
}

/** Hidden-hazard KPIs per township (history + live), counted by the gateway. */
export function fetchHazardStats(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/stats/hazards`, HazardStatsAnswer, { signal });
}

/** Report totals and settled counts per township. */
export function fetchReportStats(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/stats/reports`, ReportStatsAnswer, { signal });
}

/**
 * A scenario's logged events after `after` (how the feed closes a hole it noticed). Each event
 * is checked by the feed's sequencer, not here: a bad one is counted there like a live one.
 */
export async function fetchScenarioEvents(
  scenario: ScenarioId,
  after: number,
  signal?: AbortSignal,
): Promise<{ events: unknown[]; logId: string }> {
  const url = `${base(scenario)}/events?after=${after}&limit=5000`;
  return readJson(url, EventsAnswer, { signal });
}

/** One of the scenario's columnar tables (the report history, hidden hazards), decoded. */
export async function fetchTable(scenario: ScenarioId, name: string, signal?: AbortSignal) {
  const res = await apiFetch(`${base(scenario)}/tables/${name}.bin`, { signal });
  if (!res.ok) throw new ApiError(res.status, `${name}: ${res.status} ${res.statusText}`);
  return decodeTable(await res.arrayBuffer());
}
