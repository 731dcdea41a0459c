import { z } from 'zod';
import { Annotations, BriefingScene } from './briefing.ts';
import { DateOnly, DateTime, EntityId, LonLat, ScenarioId, SeverityLevel } from './common.ts';
import { HazardStatus } from './risk-point.ts';
import { IncidentStatus, IncidentType } from './incident.ts';
import { TeamStatus } from './team.ts';
import { WallSceneId } from './wall.ts';

/** Every command is acknowledged with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

/** `feed:subscribe` — join a scenario's live feed; `sinceSeq` asks for what was missed. */
export const FeedSubscribe = z.object({
  scenario: ScenarioId,
  sinceSeq: z.number().int().nonnegative().optional(),
  /** The time of the event at `sinceSeq` as the client saw it: a log rewritten there differs. */
  sinceTime: DateTime.optional(),
  /** The log the client followed (`logId` of an earlier answer). */
  logId: z.string().min(1).max(100).optional(),
});
export type FeedSubscribe = z.infer<typeof FeedSubscribe>;

export interface FeedSubscribed {
  scenario: ScenarioId;
  /** Sequence number of the newest event the gateway holds (global across scenarios). */
  seq: number;
  /** The time of the event at `seq` (null for an empty log): sent back as `sinceTime`. */
  seqTime: string | null;
  /** The log's identity: another one means another log. */
  logId: string;
  /** True while the feed is a simulation: the UI shows the 演练 / EXERCISE watermark. */
  exercise: boolean;
  /** The scenario's events after `sinceSeq`, when the log still holds them all. */
  replay: unknown[];
  /** The gap is older than the log: refetch the snapshots, then follow from `seq`. */
  resync: boolean;
  /**
   * What the client holds is void — it followed another log, or this one went back past what it
   * saw (a backup restored, a lost tail): drop it, refetch the snapshots, and say so.
   */
  rewound: boolean;
}

/** Who may do what: a viewer only watches; commands name the roles allowed to send them. */
export const Role = z.enum(['viewer', 'duty_officer', 'planner', 'admin'], {
  error: 'role must be viewer, duty_officer, planner or admin',
});
export type Role = z.infer<typeof Role>;

const IdempotencyKey = z
  .string({ error: 'idempotencyKey is required so a retried command is applied once' })
  .min(8, { error: 'idempotencyKey needs at least 8 characters' })
  .max(100);

/** `team:set-status` — a duty officer marks a team's status (e.g. back on standby). */
export const TeamSetStatus = z.object({
  scenario: ScenarioId,
  id: z.string().min(1),
  status: TeamStatus,
  idempotencyKey: IdempotencyKey,
});

/** `incident:acknowledge` — a duty officer confirms a reported incident. */
export const IncidentAcknowledge = z.object({
  scenario: ScenarioId,
  id: z.string().min(1),
  idempotencyKey: IdempotencyKey,
});

/**
 * `incident:dispatch` — a duty officer sends one or more available teams to an incident; they
 * are marked dispatched and the incident lists them (the simulator, or the teams' own reports,
 * carry it on from there).
 */
export const IncidentDispatch = z.object({
  scenario: ScenarioId,
  id: z.string().min(1),
  teamIds: z
    .array(z.string().min(1))
    .min(1, { error: 'name at least one team to dispatch' })
    .max(20, { error: 'at most 20 teams in one dispatch' }),
  idempotencyKey: IdempotencyKey,
});

/**
 * Where an incident may go from each status (dispatching has its own command). Closing and
 * reopening need a reason; a false alarm may be closed before anyone is sent.
 */
export const INCIDENT_NEXT: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  reported: ['confirmed', 'closed'],
  confirmed: ['closed'],
  dispatched: ['en_route', 'closed'],
  en_route: ['on_scene'],
  on_scene: ['resolved'],
  resolved: ['closed', 'on_scene'],
  closed: ['confirmed'],
};

/** `incident:transition` — moves an incident along its lifecycle (see INCIDENT_NEXT). */
export const IncidentTransition = z.object({
  scenario: ScenarioId,
  id: z.string().min(1),
  to: IncidentStatus,
  reason: z.string().trim().max(500).optional(),
  idempotencyKey: IdempotencyKey,
});

/**
 * `hazard:transition` — moves a hidden hazard along its lifecycle (see HAZARD_NEXT). Assigning
 * rectification sets its deadline; closing a report as false needs a reason.
 */
export const HazardTransition = z
  .object({
    scenario: ScenarioId,
    id: z.string().min(1),
    to: HazardStatus,
    deadline: DateOnly.optional(),
    reason: z.string().trim().max(500).optional(),
    idempotencyKey: IdempotencyKey,
  })
  .refine((c) => c.to !== 'rectification_assigned' || c.deadline !== undefined, {
    path: ['deadline'],
    error: 'assigning rectification needs a deadline (YYYY-MM-DD)',
  });

/**
 * `incident:create` — a call taken by phone: the duty officer places it on the map (or names
 * the place) and the gateway fills in the admin area from the position.
 */
export const IncidentCreate = z.object({
  scenario: ScenarioId,
  type: IncidentType,
  severity: SeverityLevel,
  title: z.string().trim().min(2, { error: 'a title of at least 2 characters' }).max(200),
  description: z.string().trim().max(4000).default(''),
  position: LonLat,
  address: z.string().trim().max(200).default(''),
  idempotencyKey: IdempotencyKey,
});

/**
 * `wall:control` — the operator console drives the scenario's walls: hold a scene (null: let
 * them rotate) and focus an incident (null: back to the scene's camera). A field left out
 * stays as it is, so two quick changes from two desks do not undo each other.
 */
export const WallControl = z.object({
  scenario: ScenarioId,
  scene: WallSceneId.nullable().optional(),
  focus: z.string().min(1).nullable().optional(),
  idempotencyKey: IdempotencyKey,
});

/** `briefing:present` — the presenter's current scene, for everyone following the briefing. */
export const BriefingPresent = z.object({
  scenario: ScenarioId,
  view: z.string().max(4000, { error: 'a view link of at most 4,000 characters' }),
  title: z.string().trim().max(200).default(''),
  notes: z.string().trim().max(4000).default(''),
  annotations: Annotations.default([]),
  idempotencyKey: IdempotencyKey,
});

/** `briefing:save-scene` — adds a scene to the scenario's briefing, or replaces the one with its id. */
export const BriefingSaveScene = z.object({
  scenario: ScenarioId,
  scene: BriefingScene.omit({ by: true, at: true }),
  idempotencyKey: IdempotencyKey,
});

/** `briefing:move-scene` — puts a scene at another place in the deck (0: first). */
export const BriefingMoveScene = z.object({
  scenario: ScenarioId,
  id: EntityId,
  index: z.number().int().nonnegative({ error: 'index must be a place in the deck (0 or more)' }),
  idempotencyKey: IdempotencyKey,
});

/** `briefing:remove-scene` — takes a scene out of the scenario's briefing. */
export const BriefingRemoveScene = z.object({
  scenario: ScenarioId,
  id: EntityId,
  idempotencyKey: IdempotencyKey,
});

/** `firing:acknowledge` — a duty officer has seen a rule firing: the alarm stops ringing for it. */
export const FiringAcknowledge = z.object({
  scenario: ScenarioId,
  id: EntityId,
  idempotencyKey: IdempotencyKey,
});

/** Each command's payload schema and the roles that may send it. */
export const COMMANDS = {
  'team:set-status': { schema: TeamSetStatus, roles: ['duty_officer', 'admin'] },
  'incident:acknowledge': { schema: IncidentAcknowledge, roles: ['duty_officer', 'admin'] },
  'incident:dispatch': { schema: IncidentDispatch, roles: ['duty_officer', 'admin'] },
  'incident:transition': { schema: IncidentTransition, roles: ['duty_officer', 'admin'] },
  'incident:create': { schema: IncidentCreate, roles: ['duty_officer', 'admin'] },
  'hazard:transition': { schema: HazardTransition, roles: ['duty_officer', 'admin'] },
  'firing:acknowledge': { schema: FiringAcknowledge, roles: ['duty_officer', 'admin'] },
  'wall:control': { schema: WallControl, roles: ['duty_officer', 'admin'] },
  'briefing:present': { schema: BriefingPresent, roles: ['duty_officer', 'planner', 'admin'] },
  'briefing:save-scene': {
    schema: BriefingSaveScene,
    roles: ['duty_officer', 'planner', 'admin'],
  },
  'briefing:move-scene': {
    schema: BriefingMoveScene,
    roles: ['duty_officer', 'planner', 'admin'],
  },
  'briefing:remove-scene': {
    schema: BriefingRemoveScene,
    roles: ['duty_officer', 'planner', 'admin'],
  },
} as const satisfies Record<string, { schema: z.ZodType; roles: readonly Role[] }>;
export type CommandName = keyof typeof COMMANDS;

/** What an accepted command returns: the event it caused (and the id of what it created). */
export interface CommandDone {
  seq: number;
  id?: string;
}

/** `POST /api/session` answer: the token the console hands the socket, and who it is. */
export const Session = z.object({
  token: z.string().min(1),
  name: z.string().min(1),
  role: Role,
  expiresAt: z.string(),
});
export type Session = z.infer<typeof Session>;
