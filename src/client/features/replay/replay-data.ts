import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { LIVE_IDS } from '../../../shared/live/index.ts';
import {
  COLLECTIONS,
  parseFeedEvent,
  TransferPlan,
  TransferProgress,
  type EntityOf,
  type FeedEvent,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { ApiError, apiFetch } from '../../api/read-api.ts';
import { replayCollectionQuery } from '../../data/collections.ts';
import { applyToCaches } from '../../data/live-caches.ts';
import { replayPlanQuery } from '../../data/live-values.ts';
import { loadedCollection } from '../../data/loaded-collection.ts';

async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const res = await apiFetch(url, { signal });
  const body = (await res.json().catch(() => null)) as { description?: string } | null;
  if (!res.ok) throw new ApiError(res.status, body?.description ?? `HTTP ${res.status}`);
  return body;
}

/** How far back the log goes (ms), and now. */
export async function fetchRange(scenario: ScenarioId): Promise<{ from: number; to: number }> {
  const body = z
    .object({ from: z.string().nullable(), to: z.string() })
    .parse(await getJson(`/api/scenarios/${scenario}/replay/range`));
  const to = Date.parse(body.to);
  return { from: body.from ? Date.parse(body.from) : to, to };
}

/**
 * The live collections as they stood at `at`, each item checked against its schema, put where
 * the console reads replay data from. Returns the log position they reflect.
 */
export async function loadMoment(
  queries: QueryClient,
  scenario: ScenarioId,
  at: number,
): Promise<number> {
  const body = z
    .object({
      seq: z.number().int(),
      collections: z.record(z.string(), z.array(z.unknown())),
      plan: TransferPlan.nullable(),
      progress: TransferProgress.array(),
    })
    .parse(
      await getJson(
        `/api/scenarios/${scenario}/replay?at=${encodeURIComponent(new Date(at).toISOString())}`,
      ),
    );
  for (const c of LIVE_IDS) {
    const schema = COLLECTIONS[c].schema as unknown as z.ZodType<EntityOf<typeof c>>;
    const entities = (body.collections[c] ?? []).map((e) => schema.parse(e));
    queries.setQueryData(
      replayCollectionQuery(scenario, c).queryKey,
      loadedCollection(c, entities, body.seq),
    );
  }
  queries.setQueryData(replayPlanQuery(scenario).queryKey, {
    seq: body.seq,
    plan: body.plan,
    progress: body.progress,
  });
  return body.seq;
}

/** The logged events after `seq` up to `until` (validated; at most one window). */
export async function fetchEvents(
  scenario: ScenarioId,
  seq: number,
  until: number,
): Promise<{ events: FeedEvent[]; more: boolean }> {
  const body = z
    .object({ events: z.array(z.unknown()), more: z.boolean() })
    .parse(
      await getJson(
        `/api/scenarios/${scenario}/replay/events?after=${seq}&until=${encodeURIComponent(new Date(until).toISOString())}`,
      ),
    );
  const events: FeedEvent[] = [];
  for (const raw of body.events) {
    const r = parseFeedEvent(raw);
    if (r.ok) events.push(r.value);
  }
  return { events, more: body.more };
}

/** Plays events onto the replay data, as the live feed does onto the live data. */
export function applyToReplay(
  queries: QueryClient,
  scenario: ScenarioId,
  events: readonly FeedEvent[],
): void {
  applyToCaches(queries, scenario, events, 'replay');
}
