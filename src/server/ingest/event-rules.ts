import {
  INCIDENT_NEXT,
  type FeedEvent,
  type Incident,
  type IncidentStatus,
} from '../../shared/protocol/index.ts';
import type { LiveState } from '../feed/live-state.ts';

/**
 * The event types another system may publish through `/api/ingest/events`. Plans, walls and
 * briefings are decisions made by people at a console (commands, audited with their name), never
 * relayed; warnings come as CAP (`/api/ingest/cap`), where their sender is checked.
 */
export const INGESTIBLE_EVENTS = [
  'incident:open',
  'incident:update',
  'team:update',
  'team:move',
  'team:status',
  'shelter:update',
  'hazard:report',
  'hazard:update',
  'plan:progress',
] as const satisfies readonly FeedEvent['type'][];
export type IngestibleEvent = (typeof INGESTIBLE_EVENTS)[number];

/** An upstream dispatch system may send teams too (a console does it with `incident:dispatch`). */
const DISPATCHABLE: ReadonlySet<IncidentStatus> = new Set(['reported', 'confirmed']);

/**
 * Whether a relayed event makes sense against the live state, as a command would be checked:
 * incidents follow their lifecycle, updates name something that exists. Null when it does.
 */
export function ingestProblem(live: LiveState, e: FeedEvent): string | null {
  switch (e.type) {
    case 'incident:open':
      return live.incidents.has(e.payload.id)
        ? `incident ${e.payload.id} is already open: send incident:update`
        : null;
    case 'incident:update': {
      const before = live.incidents.get(e.payload.id);
      if (!before) return `no incident ${e.payload.id}: open it with incident:open first`;
      return lifecycleProblem(before, e.payload.status);
    }
    case 'team:update':
    case 'team:move':
    case 'team:status':
      return live.teams.has(e.payload.id) ? null : `no team ${e.payload.id}`;
    case 'shelter:update':
      return live.shelters.has(e.payload.id) ? null : `no shelter ${e.payload.id}`;
    case 'plan:progress':
      return live.plan?.id === e.payload.planId
        ? null
        : `plan ${e.payload.planId} is not the plan in force (${live.plan?.id ?? 'none'})`;
    default:
      return null;
  }
}

function lifecycleProblem(before: Incident, to: IncidentStatus): string | null {
  if (to === before.status) return null;
  if (INCIDENT_NEXT[before.status].includes(to)) return null;
  if (to === 'dispatched' && DISPATCHABLE.has(before.status)) return null;
  return `incident ${before.id} is ${before.status}: it can go to ${INCIDENT_NEXT[before.status].join(' or ')}, not ${to}`;
}

/**
 * What of a relayed incident update the gateway keeps: the dispatch records stay its own (who
 * sent which team is written by the console, not by a relay).
 */
export function keptIncident(live: LiveState, incident: Incident): Incident {
  const before = live.incidents.get(incident.id);
  const { dispatches: _relayed, ...rest } = incident;
  return before?.dispatches ? { ...rest, dispatches: before.dispatches } : rest;
}
