import { WallState } from './wall.ts';
import { BriefingScene, BriefingView } from './briefing.ts';
import { z } from 'zod';
import { DateTime, EntityId, LonLat, ScenarioId } from './common.ts';
import { HiddenHazard } from './hazard-report.ts';
import { Callout, CalloutAnswered, CalloutEnded, CalloutRound } from './callout.ts';
import { CheckIn } from './checkin.ts';
import { Firing } from './firing.ts';
import { Incident } from './incident.ts';
import { ShelterStatus } from './shelter.ts';
import { Team, TeamStatus } from './team.ts';
import { TransferPlan, TransferProgress } from './transfer.ts';
import { Warning } from './warning.ts';

/** Event names are `domain:verb`, lower case, e.g. `incident:open`, `team:move`. */
export const EventType = z.string().regex(/^[a-z][a-z-]*:[a-z][a-z-]*$/, {
  error: 'event type must look like domain:verb, e.g. incident:open',
});

/** What every feed event carries, whatever its payload. */
export const EventEnvelope = z.object({
  /** Monotonic across the whole gateway (and across nodes when scaled out). */
  seq: z.number().int().positive({ error: 'seq must be a positive whole number' }),
  time: DateTime,
  scenario: ScenarioId,
  type: EventType,
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export const TeamMove = z.object({
  id: EntityId,
  position: LonLat,
  /** Degrees clockwise from north; absent when stationary. */
  bearing: z.number().min(0).max(360).optional(),
  speedKmh: z.number().min(0).max(300).optional(),
  /**
   * When the position was fixed (a GPS report's own time). A fix older than the team's current
   * one stays in the log as history but does not move the team; without it, the event's time.
   */
  at: DateTime.optional(),
});

/** Payload schema of each known event type. */
export const EVENT_PAYLOADS = {
  'incident:open': Incident,
  'incident:update': Incident,
  'team:update': Team,
  'team:move': TeamMove,
  'team:status': z.object({ id: EntityId, status: TeamStatus }),
  'shelter:update': z.object({
    id: EntityId,
    occupancy: z.number().int().nonnegative(),
    status: ShelterStatus,
  }),
  'warning:issue': Warning,
  'warning:update': Warning,
  'warning:cancel': Warning,
  /** A warning reached its CAP `expires`: it leaves the picture (published by the gateway). */
  'warning:expire': z.object({ identifier: z.string().min(1) }),
  'hazard:report': HiddenHazard,
  'hazard:update': HiddenHazard,
  /** A threshold rule fired at a station (published by the gateway's rules). */
  'firing:open': Firing,
  /** A firing acknowledged (or otherwise changed while open). */
  'firing:update': Firing,
  /** Its condition fell below the hysteresis mark: it leaves the picture (the log keeps it). */
  'firing:clear': Firing,
  /** 叫应: a responsible person called about a warning (or firing) over their area. */
  'callout:open': Callout,
  /** Unanswered in time: called again (no one above to escalate to). */
  'callout:retry': CalloutRound,
  /** Unanswered in time: called again, and the tier above called about it. */
  'callout:escalate': CalloutRound,
  'callout:answer': CalloutAnswered,
  /** The last round went unanswered: it stays on the board as such. */
  'callout:lapse': CalloutEnded,
  /** Its warning ended: it leaves the picture (the log keeps every step). */
  'callout:close': CalloutEnded,
  'plan:publish': TransferPlan,
  /** A person on a transfer register accounted for: at a shelter, or gone to relatives. */
  'checkin:arrive': CheckIn,
  'plan:progress': TransferProgress,
  'wall:state': WallState,
  'briefing:view': BriefingView,
  'briefing:scene': BriefingScene,
  'briefing:scene-removed': z.object({ id: EntityId }),
  'briefing:scene-moved': z.object({ id: EntityId, index: z.number().int().nonnegative() }),
  /**
   * Stands in for an event this reader may not see (a sensitive incident, a briefing, for a
   * public wall), so every reader's sequence stays gap-free; naming an incident withdraws it from
   * the reader's picture. Made by `redactEvent` on the way out, never stored in the log.
   */
  'feed:withheld': z.object({ incident: EntityId.optional() }),
} as const;
export type KnownEventType = keyof typeof EVENT_PAYLOADS;
export type EventPayload<T extends KnownEventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

export type FeedEvent = {
  [T in KnownEventType]: Omit<EventEnvelope, 'type' | 'payload'> & {
    type: T;
    payload: EventPayload<T>;
  };
}[KnownEventType];

export function isKnownEventType(type: string): type is KnownEventType {
  return Object.hasOwn(EVENT_PAYLOADS, type);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates envelope and payload; the error names the field and what was wrong. */
export function parseFeedEvent(input: unknown): ParseResult<FeedEvent> {
  const envelope = EventEnvelope.safeParse(input);
  if (!envelope.success) return { ok: false, error: z.prettifyError(envelope.error) };
  const { type } = envelope.data;
  if (!isKnownEventType(type)) {
    return { ok: false, error: `unknown event type "${type}"` };
  }
  const payload = EVENT_PAYLOADS[type].safeParse(envelope.data.payload);
  if (!payload.success) {
    return { ok: false, error: `${type} payload: ${z.prettifyError(payload.error)}` };
  }
  return { ok: true, value: { ...envelope.data, type, payload: payload.data } as FeedEvent };
}
