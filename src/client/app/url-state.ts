import { ScenarioId } from '../../shared/protocol/index.ts';

export interface UrlState {
  scenario: ScenarioId;
  /** Why a parameter in the link was ignored, to tell the user. */
  problems: string[];
}

/** Reads the view from the URL; invalid values fall back to defaults with a reason. */
export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  let scenario: ScenarioId = 'erqi';
  const raw = params.get('scenario');
  if (raw !== null) {
    const parsed = ScenarioId.safeParse(raw);
    if (parsed.success) scenario = parsed.data;
    else problems.push(`scenario=${raw}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { scenario, problems };
}

export function writeUrlState(state: Pick<UrlState, 'scenario'>): void {
  const url = new URL(window.location.href);
  url.searchParams.set('scenario', state.scenario);
  window.history.replaceState(null, '', url);
}
