import {
  ReplayEventsAnswer,
  ReplayMomentAnswer,
  ReplayRangeAnswer,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import { readJson } from './read-api.ts';

const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());

/** How far back the log goes (ms), and now. */
export async function fetchReplayRange(
  scenario: ScenarioId,
): Promise<{ from: number; to: number }> {
  const body = await readJson(`/api/scenarios/${scenario}/replay/range`, ReplayRangeAnswer);
  const to = Date.parse(body.to);
  return { from: body.from ? Date.parse(body.from) : to, to };
}

/** The live collections, the plan and its progress as they stood at `at`. */
export function fetchReplayMoment(scenario: ScenarioId, at: number) {
  return readJson(`/api/scenarios/${scenario}/replay?at=${iso(at)}`, ReplayMomentAnswer);
}

/** The logged events after `seq` up to `until`, at most one window (`more` says if cut). */
export function fetchReplayEvents(scenario: ScenarioId, seq: number, until: number) {
  return readJson(
    `/api/scenarios/${scenario}/replay/events?after=${seq}&until=${iso(until)}`,
    ReplayEventsAnswer,
  );
}
