import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Audience, ScenarioId } from '../../shared/protocol/index.ts';
import { INGESTIBLE_EVENTS } from '../ingest/event-rules.ts';
import type { ApiKey, WallKey } from './principal.ts';

/**
 * What an API key may be used for: publishing protocol events, CAP alerts, GPS reports or 水雨情
 * observations (OGC SensorThings), reading
 * the API (OGC clients such as GDAL and QGIS; the full, unredacted read), or scraping /metrics.
 */
export const KeyChannel = z.enum(['events', 'cap', 'gps', 'observations', 'read', 'metrics'], {
  error: 'a channel is events, cap, gps, observations, read or metrics',
});
export type KeyChannel = z.infer<typeof KeyChannel>;

/** The channels that bring real data in: with any of them configured the simulator stays off. */
export const FEED_CHANNELS: ReadonlySet<KeyChannel> = new Set([
  'events',
  'cap',
  'gps',
  'observations',
]);

const Name = z.string().regex(/^[\w.-]{1,40}$/, {
  error: 'a key name is 1–40 letters, digits, _ . or -',
});
/** The key itself (≥ 24 characters), or only its SHA-256 so the configuration holds no secret. */
const Secret = {
  key: z.string().min(24, { error: 'a key needs at least 24 characters' }).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { error: 'sha256 is the key’s SHA-256 in 64 hex digits' })
    .optional(),
};
const oneSecret = (k: { key?: string | undefined; sha256?: string | undefined }) =>
  (k.key === undefined) !== (k.sha256 === undefined);
const secretError = { error: 'give the key or its sha256, not both' };

export const ApiKeyEntry = z
  .object({
    name: Name,
    channels: z.array(KeyChannel).min(1, { error: 'a key needs at least one channel' }),
    /** Event types the events channel may publish: named one by one (least privilege). */
    events: z
      .array(
        z.enum(INGESTIBLE_EVENTS, {
          error: `ingest may publish only ${INGESTIBLE_EVENTS.join(', ')}`,
        }),
      )
      .default([]),
    scenario: ScenarioId.optional(),
    ...Secret,
  })
  .refine(oneSecret, secretError)
  .refine((k) => !k.channels.includes('events') || k.events.length > 0, {
    path: ['events'],
    error: 'a key with the events channel must list the event types it may publish',
  });
export type ApiKeyEntry = z.infer<typeof ApiKeyEntry>;

export const WallKeyEntry = z
  .object({ name: Name, audience: Audience, ...Secret })
  .refine(oneSecret, secretError);
export type WallKeyEntry = z.infer<typeof WallKeyEntry>;

/** Whether any of these keys brings real data in (the simulator's `auto` setting asks this). */
export const feedsIn = (keys: readonly ApiKeyEntry[]): boolean =>
  keys.some((k) => k.channels.some((c) => FEED_CHANNELS.has(c)));

export const sha256 = (secret: string): Buffer => createHash('sha256').update(secret).digest();

type Entry = { digest: Buffer } & ({ api: ApiKey } | { wall: WallKey });

/**
 * Every configured key, held as SHA-256 digests. A lookup compares the presented key's digest
 * with every entry in constant time and never stops early, so timing tells nothing about which
 * key (or how much of one) was right.
 */
export class KeyRing {
  private readonly entries: Entry[] = [];

  constructor(apiKeys: readonly ApiKeyEntry[] = [], wallKeys: readonly WallKeyEntry[] = []) {
    const digestOf = (k: { key?: string | undefined; sha256?: string | undefined }) =>
      k.key !== undefined ? sha256(k.key) : Buffer.from(k.sha256 ?? '', 'hex');
    const names = new Set<string>();
    const unique = (name: string) => {
      if (names.has(name)) throw new Error(`two keys are called ${name}: names must be unique`);
      names.add(name);
    };
    for (const k of apiKeys) {
      unique(k.name);
      this.entries.push({
        digest: digestOf(k),
        api: {
          name: k.name,
          channels: new Set(k.channels),
          events: new Set(k.events),
          scenario: k.scenario ?? null,
        },
      });
    }
    for (const k of wallKeys) {
      unique(k.name);
      this.entries.push({ digest: digestOf(k), wall: { name: k.name, audience: k.audience } });
    }
  }

  find(secret: string): { api: ApiKey } | { wall: WallKey } | null {
    const digest = sha256(secret);
    let found: Entry | null = null;
    for (const e of this.entries) if (timingSafeEqual(digest, e.digest) && !found) found = e;
    if (!found) return null;
    return 'api' in found ? { api: found.api } : { wall: found.wall };
  }
}

/** Reads a JSON list of key entries from the environment; the error names the entry and field. */
export function parseKeyList<T>(name: string, raw: string, schema: z.ZodType<T>): T[] {
  if (raw.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(
      `${name} must be a JSON list of keys, e.g. [{"name":"gps-box","channels":["gps"],"sha256":"…"}] (npm run key makes one)`,
    );
  }
  const parsed = z.array(schema).safeParse(json);
  if (!parsed.success) throw new Error(`${name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
