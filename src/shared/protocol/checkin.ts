import { z } from 'zod';
import { VULNERABLE_KEYS } from './admin-area.ts';
import { DateTime, ScenarioId } from './common.ts';

/**
 * Transfer by name (点名转移): the people a village must move are on its register, each with a
 * 安全码; shelter staff check them in by scanning or typing it, a village reports those who went
 * to relatives (投亲靠友); whoever is neither is unaccounted for.
 */

/** A 安全码: six Crockford base-32 characters and a check character (src/shared/people). */
export const SafeCode = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{7}$/, { error: 'a safe code is 7 letters and digits' });
export type SafeCode = z.infer<typeof SafeCode>;

const VillageCode = z.string().regex(/^\d{12}$/, { error: 'village is a 12-digit code' });

export const VulnerableKey = z.enum(VULNERABLE_KEYS);
export type VulnerableKey = z.infer<typeof VulnerableKey>;

/** One person on a village's transfer register (no identity-card number is kept). */
export const RegisteredPerson = z.object({
  code: SafeCode,
  name: z.string().min(1).max(40),
  sex: z.enum(['f', 'm']),
  born: z.number().int().min(1900).max(2100),
  village: VillageCode,
  /** 户号: people of one household move together. */
  household: z.string().min(1).max(40),
  vulnerable: z.array(VulnerableKey),
});
export type RegisteredPerson = z.infer<typeof RegisteredPerson>;

/** Where a person was accounted for: at a shelter, or gone to relatives (投亲靠友). */
export const CheckinKind = z.enum(['shelter', 'relatives']);
export type CheckinKind = z.infer<typeof CheckinKind>;

/** `checkin:arrive`: a person accounted for. The first check-in of a person stands. */
export const CheckIn = z.object({
  code: SafeCode,
  village: VillageCode,
  kind: CheckinKind,
  /** The shelter's id, or the village's code for 投亲靠友. */
  place: z.string().min(1).max(60),
  placeName: z.string().min(1).max(80),
  at: DateTime,
  /** The scan's own id (made on the phone): a scan sent twice is applied once. */
  scan: z.string().min(8).max(100),
  /** The check-in point that sent it (its link's label). */
  by: z.string().min(1).max(80),
});
export type CheckIn = z.infer<typeof CheckIn>;

/** What a check-in link is for: a shelter's door, or a village reporting 投亲靠友. */
export const CheckinView = z.object({
  scenario: ScenarioId,
  kind: CheckinKind,
  place: z.string(),
  placeName: z.string(),
  /** Accounted for here so far. */
  count: z.number().int().nonnegative(),
  exercise: z.boolean(),
});
export type CheckinView = z.infer<typeof CheckinView>;

/** One scan as the phone queued it: what the camera read (or was typed) and when. */
export const Scan = z.object({
  id: z.string().min(8, { error: 'a scan needs an id of 8 or more characters' }).max(100),
  text: z.string().min(1).max(300),
  at: DateTime,
});
export type Scan = z.infer<typeof Scan>;

/** `POST /api/checkin/:token`: the scans a phone has queued (sent again until answered). */
export const ScanBatch = z.object({
  scans: z
    .array(Scan)
    .min(1, { error: 'send at least one scan' })
    .max(200, { error: 'send at most 200 scans at once' }),
});
export type ScanBatch = z.infer<typeof ScanBatch>;

/**
 * What became of one scan: `arrived` (accounted for now), `already` (accounted for before — by
 * this scan sent again, or another), `unknown` (no such code: a typo or another jurisdiction's).
 */
export const ScanOutcome = z.object({
  id: z.string(),
  outcome: z.enum(['arrived', 'already', 'unknown']),
  /** The person, so the staff can see it is the one before them. */
  name: z.string().optional(),
  villageName: z.string().optional(),
  vulnerable: z.array(VulnerableKey).optional(),
  /** For `already`: where and when they were accounted for. */
  placeName: z.string().optional(),
  at: DateTime.optional(),
});
export type ScanOutcome = z.infer<typeof ScanOutcome>;

export const ScanAnswer = z.object({ results: z.array(ScanOutcome) });
export type ScanAnswer = z.infer<typeof ScanAnswer>;

/** `GET /api/scenarios/:s/roll`: everyone accounted for so far, and the event it reflects. */
export const RollAnswer = z.object({
  seq: z.number().int().nonnegative(),
  checkins: z.array(CheckIn),
});
export type RollAnswer = z.infer<typeof RollAnswer>;

/** A village's register in figures (no names): what the board counts against. */
export const RegisterVillage = z.object({
  village: VillageCode,
  registered: z.number().int().nonnegative(),
  vulnerable: z.number().int().nonnegative(),
});
export type RegisterVillage = z.infer<typeof RegisterVillage>;

/** `GET /api/scenarios/:s/people/villages`. */
export const RegisterSummary = z.object({
  villages: z.array(RegisterVillage),
  /** True for the generated samples. */
  synthetic: z.boolean(),
});
export type RegisterSummary = z.infer<typeof RegisterSummary>;

/** `GET /api/scenarios/:s/people?village=`: a village's register by name (signed-in only). */
export const VillagePeople = z.object({
  village: VillageCode,
  people: z.array(RegisteredPerson),
});
export type VillagePeople = z.infer<typeof VillagePeople>;

/** `POST /api/scenarios/:s/checkin-links`: a link for a shelter's door or a village's 投亲靠友. */
export const CheckinLinkRequest = z.object({
  kind: CheckinKind,
  place: z.string().min(1).max(60),
});
export const CheckinLink = z.object({
  url: z.string(),
  token: z.string(),
  placeName: z.string(),
});
export type CheckinLink = z.infer<typeof CheckinLink>;
