import {
  CheckinLink,
  RegisterSummary,
  RollAnswer,
  VillagePeople,
  type CheckinKind,
  type ScenarioId,
  type Session,
} from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { apiFetch, readJson } from './read-api.ts';
import { writeJson } from './write-json.ts';

const base = (scenario: ScenarioId) => `/api/scenarios/${scenario}`;

/** Everyone accounted for so far (signed-in readers only), with the seq it reflects. */
export function fetchRoll(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/roll`, RollAnswer, { signal });
}

/** The registers' figures per village (no names). */
export function fetchRegisterSummary(scenario: ScenarioId, signal?: AbortSignal) {
  return readJson(`${base(scenario)}/people/villages`, RegisterSummary, { signal });
}

/** One village's register by name (signed-in readers only). */
export function fetchVillagePeople(scenario: ScenarioId, village: string, signal?: AbortSignal) {
  return readJson(
    `${base(scenario)}/people?village=${encodeURIComponent(village)}`,
    VillagePeople,
    { signal },
  );
}

/** A check-in link for a shelter's door or a village's 投亲靠友 (planners and duty officers). */
export async function makeCheckinLink(
  session: Session,
  scenario: ScenarioId,
  kind: CheckinKind,
  place: string,
): Promise<CheckinLink> {
  const body = await writeJson('POST', `${base(scenario)}/checkin-links`, session, { kind, place });
  const link = CheckinLink.safeParse(body);
  if (!link.success) throw new ApiError(0, 'the gateway did not send a check-in link');
  return link.data;
}

/** 未落实人员名单 of a township (or all) as the gateway writes it (CSV, signed-in only). */
export async function fetchUnaccountedCsv(scenario: ScenarioId, township?: string): Promise<Blob> {
  const q = township ? `?township=${encodeURIComponent(township)}` : '';
  const res = await apiFetch(`${base(scenario)}/people/unaccounted.csv${q}`);
  if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText}`);
  return res.blob();
}
