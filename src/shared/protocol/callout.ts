import { z } from 'zod';
import { DateTime, EntityId, LonLat, WarningColour } from './common.ts';

/**
 * The responsible persons (包保责任人) of an area, by tier. Who is called first, and who is called
 * when they do not answer, follows from the role (see `src/shared/callout/roster.ts`).
 */
export const ResponsibleRole = z.enum([
  'county-chief',
  'county-duty',
  'township-chief',
  'township-deputy',
  'village-head',
  'grid-head',
]);
export type ResponsibleRole = z.infer<typeof ResponsibleRole>;

export const CalloutTier = z.enum(['village', 'township', 'county']);
export type CalloutTier = z.infer<typeof CalloutTier>;

export const TIER_OF_ROLE: Record<ResponsibleRole, CalloutTier> = {
  'county-chief': 'county',
  'county-duty': 'county',
  'township-chief': 'township',
  'township-deputy': 'township',
  'village-head': 'village',
  'grid-head': 'village',
};

const Phone = z.string().regex(/^[0-9+\- ]{5,20}$/, { error: 'phone must be 5–20 digits' });

/** One responsible person of a county, township or village, with the phone they are called on. */
export const ResponsiblePerson = z.object({
  id: EntityId,
  name: z.string().min(1, { error: 'name must not be empty' }).max(40),
  phone: Phone,
  role: ResponsibleRole,
  /** The area they answer for: 6 (county), 9 (township) or 12 (village) digits. */
  areaCode: z.string().regex(/^\d{6}(\d{3}){0,2}$/, {
    error: 'areaCode is a 6-, 9- or 12-digit administrative code',
  }),
  areaName: z.string().min(1),
  countyCode: z.string().regex(/^\d{6}$/),
  /** Absent for a county's persons. */
  townshipCode: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  /** Where their area is (its centre): where an unanswered call shows on the map. */
  position: LonLat,
});
export type ResponsiblePerson = z.infer<typeof ResponsiblePerson>;

/** What a called person answered: 收到, 已组织转移, 需要支援. */
export const CalloutAnswer = z.enum(['received', 'transferring', 'need-support']);
export type CalloutAnswer = z.infer<typeof CalloutAnswer>;

/** How the answer came: the link's page, a key pressed in the voice call, or an officer by hand. */
export const AnswerChannel = z.enum(['link', 'voice', 'console']);
export type AnswerChannel = z.infer<typeof AnswerChannel>;

/**
 * One person called about one warning (or rule firing): 叫应. Calling until they answer; each
 * unanswered round is called again and escalated to the tier above; after the last round it
 * stays `unanswered` on the board. It leaves the picture when its warning does.
 */
export const Callout = z.object({
  id: EntityId,
  trigger: z.enum(['warning', 'firing']),
  /** The warning's first CAP identifier (updates keep calling under it), or the firing's id. */
  ref: z.string().min(1).max(200),
  headline: z.string().max(300),
  level: WarningColour,
  person: EntityId,
  // Who was called, as the roster had them when they were (a later roster changes no callout).
  ...ResponsiblePerson.omit({ id: true }).shape,
  tier: CalloutTier,
  /** Covered villages of their area (for a township's or county's person, how many of theirs). */
  villages: z.number().int().nonnegative(),
  /** Why they are called: the warning's area, or whose silence escalated to them. */
  reason: z.string().max(300),
  status: z.enum(['calling', 'answered', 'unanswered']),
  /** Rounds of calls made so far (SMS with the link, and a voice call). */
  attempts: z.number().int().positive(),
  openedAt: DateTime,
  lastCallAt: DateTime,
  /** When the next round is due if nobody answers. */
  dueAt: DateTime,
  /** The callouts opened (or reminded) because this one went unanswered. */
  escalatedTo: z.array(EntityId),
  answeredAt: DateTime.optional(),
  answer: CalloutAnswer.optional(),
  answerChannel: AnswerChannel.optional(),
  note: z.string().max(200).optional(),
});
export type Callout = z.infer<typeof Callout>;

/** `callout:retry` / `callout:escalate`: another round of calls, to them and to those above. */
export const CalloutRound = z.object({
  id: EntityId,
  at: DateTime,
  attempt: z.number().int().positive(),
  dueAt: DateTime,
  escalatedTo: z.array(EntityId),
});

/** `callout:answer`: the person answered (a later one, e.g. 需要支援, updates the report). */
export const CalloutAnswered = z.object({
  id: EntityId,
  at: DateTime,
  answer: CalloutAnswer,
  channel: AnswerChannel,
  note: z.string().max(200).optional(),
});

/** `callout:lapse`: the last round went unanswered; `callout:close`: its warning ended. */
export const CalloutEnded = z.object({ id: EntityId, at: DateTime });

/** What the answer page shows to the person holding the link (nothing about anyone else). */
export const AnswerView = z.object({
  name: z.string(),
  roleTitle: z.string(),
  areaName: z.string(),
  headline: z.string(),
  level: WarningColour,
  openedAt: DateTime,
  status: Callout.shape.status.or(z.literal('closed')),
  answer: CalloutAnswer.optional(),
  answeredAt: DateTime.optional(),
  exercise: z.boolean(),
});
export type AnswerView = z.infer<typeof AnswerView>;

/** `POST /api/answer/:token` body. */
export const AnswerBody = z.object({
  answer: CalloutAnswer,
  note: z.string().trim().max(200).optional(),
});
export type AnswerBody = z.infer<typeof AnswerBody>;

/** One message the loopback provider "sent" (the exercise and the tests read them back). */
export const OutboxMessage = z.object({
  id: z.string(),
  at: DateTime,
  kind: z.enum(['sms', 'voice']),
  to: z.string(),
  callout: EntityId,
  attempt: z.number().int().positive(),
  text: z.string(),
  link: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** `GET /api/scenarios/:s/callouts/outbox` (admin, loopback provider only): what it "sent". */
export const OutboxAnswer = z.object({
  scenario: z.string(),
  messages: z.array(OutboxMessage),
});

/** `GET /api/callouts/setup`: how 叫应 is configured (the board says whether calls really go out). */
export const CalloutSetup = z.object({
  provider: z.enum(['loopback', 'aliyun']),
  /** False for the loopback: nothing reaches a phone. */
  delivers: z.boolean(),
  answerMinutes: z.number().positive(),
  rounds: z.number().int().positive(),
  levels: z.array(WarningColour),
  onFirings: z.boolean(),
});
export type CalloutSetup = z.infer<typeof CalloutSetup>;
