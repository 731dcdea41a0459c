import { z } from 'zod';
import type { CollectionId, EntityOf } from './collections.ts';
import type { FeedEvent } from './feed-event.ts';
import type { HiddenHazard } from './hazard-report.ts';
import { INCIDENT_TYPE_TITLE, type Incident } from './incident.ts';

/**
 * Who a response or a feed message is shaped for. `full`: a reader cleared for people and
 * operations (a signed-in account, an internal wall, a read key). `public`: anyone else that may
 * read at all — an anonymous console on an open deployment, a wall the public can see. The
 * gateway shapes what it sends; a client never receives what its audience may not see.
 */
export const Audience = z.enum(['full', 'public']);
export type Audience = z.infer<typeof Audience>;

/** Collections of people themselves (names, phones, live positions): never read by `public`. */
export const PEOPLE_COLLECTIONS: ReadonlySet<CollectionId> = new Set([
  'grid-members',
  'responsible-persons',
  'callouts',
]);

/**
 * An incident as a public reader sees it, or null when it is sensitive (not shown at all). Its
 * title and description are what officers typed from a caller's words (names, whose house): the
 * public gets the type's standard name instead, and no dispatch records (who sent which team).
 */
function publicIncident(i: Incident): Incident | null {
  if (i.sensitive) return null;
  const { dispatches: _dispatches, ...rest } = i;
  return { ...rest, title: INCIDENT_TYPE_TITLE[i.type], description: '' };
}

function publicHazard(h: HiddenHazard): HiddenHazard {
  // Who reported it and what they wrote stay with the people who work the case.
  const { reportedBy: _by, note: _note, ...rest } = h;
  return rest;
}

/** Drops a contact field (name and phone of a person) from an entity. */
function without<T extends object, K extends keyof T>(entity: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = entity;
  return rest;
}

/**
 * An entity as `audience` may see it: unchanged for `full`; for `public` without the names and
 * phones of people, sensitive incidents left out (null), people collections refused (null).
 */
export function redactEntity<C extends CollectionId>(
  collection: C,
  entity: EntityOf<C>,
  audience: Audience,
): EntityOf<C> | null {
  if (audience === 'full') return entity;
  if (PEOPLE_COLLECTIONS.has(collection)) return null;
  const e = entity as EntityOf<CollectionId>;
  switch (collection) {
    case 'incidents':
      return publicIncident(e as Incident) as EntityOf<C> | null;
    case 'open-hazards':
    case 'hidden-hazards':
      return publicHazard(e as HiddenHazard) as EntityOf<C>;
    case 'teams':
      return without(e as EntityOf<'teams'>, 'leader') as EntityOf<C>;
    case 'shelters':
      return without(e as EntityOf<'shelters'>, 'manager') as EntityOf<C>;
    case 'depots':
      return without(e as EntityOf<'depots'>, 'keeper') as EntityOf<C>;
    case 'risk-points':
      return without(e as EntityOf<'risk-points'>, 'responsible') as EntityOf<C>;
    case 'firings':
      return without(e as EntityOf<'firings'>, 'acknowledgedBy') as EntityOf<C>;
    default:
      return entity;
  }
}

/**
 * A feed event as `audience` may see it. Every event keeps its seq (one event out for each event
 * in, so a reader's sequence has no holes); what `public` may not see becomes `feed:withheld`.
 * The switch is exhaustive: a new event type does not compile until its public form is decided.
 */
export function redactEvent(event: FeedEvent, audience: Audience): FeedEvent {
  if (audience === 'full') return event;
  const withheld = (incident?: string): FeedEvent => ({
    seq: event.seq,
    time: event.time,
    scenario: event.scenario,
    type: 'feed:withheld',
    payload: incident ? { incident } : {},
  });
  switch (event.type) {
    case 'incident:open':
    case 'incident:update': {
      const shown = publicIncident(event.payload);
      return shown ? { ...event, payload: shown } : withheld(event.payload.id);
    }
    case 'team:update':
      return { ...event, payload: without(event.payload, 'leader') };
    case 'hazard:report':
    case 'hazard:update':
      return { ...event, payload: publicHazard(event.payload) };
    case 'plan:publish':
      return { ...event, payload: without(event.payload, 'publishedBy') };
    case 'wall:state':
      return { ...event, payload: { ...event.payload, by: '' } };
    // Who acknowledged an alarm is a person's name.
    case 'firing:open':
    case 'firing:update':
    case 'firing:clear':
      return { ...event, payload: without(event.payload, 'acknowledgedBy') };
    case 'team:move':
    case 'team:status':
    case 'shelter:update':
    case 'warning:issue':
    case 'warning:update':
    case 'warning:cancel':
    case 'warning:expire':
    case 'plan:progress':
    case 'feed:withheld':
      return event;
    // Who was called, on which phone, and who did not answer: people and operations.
    case 'callout:open':
    case 'callout:retry':
    case 'callout:escalate':
    case 'callout:answer':
    case 'callout:lapse':
    case 'callout:close':
      return withheld();
    // Who of a village's register has arrived where: people, not for the public.
    case 'checkin:arrive':
      return withheld();
    // A briefing is the presenter's talking points and drawings: operations, not for the public.
    case 'briefing:view':
    case 'briefing:scene':
    case 'briefing:scene-removed':
    case 'briefing:scene-moved':
      return withheld();
    default: {
      // Unreachable for a typed event; a type the protocol does not know is withheld.
      const _exhaustive: never = event;
      return withheld();
    }
  }
}
