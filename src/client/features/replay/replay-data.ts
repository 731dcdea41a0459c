import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  COLLECTIONS,
  parseFeedEvent,
  toFeature,
  TransferPlan,
  TransferProgress,
  type CollectionId,
  type EntityOf,
  type FeedEvent,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { ApiError, apiFetch } from '../../api/read-api.ts';
import {
  LIVE_COLLECTION_IDS,
  replayCollectionQuery,
  type LoadedCollection,
} from '../../data/collections.ts';
import { applyEvent, collectionOfEvent } from '../../live/apply-event.ts';
import { applyPlanEvent, replayPlanQuery, type PlanState } from '../transfer/plan-query.ts';

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
  for (const c of LIVE_COLLECTION_IDS) {
    const schema = COLLECTIONS[c].schema as unknown as z.ZodType<EntityOf<typeof c>>;
    const entities = (body.collections[c] ?? []).map((e) => schema.parse(e));
    queries.setQueryData(
      replayCollectionQuery(scenario, c).queryKey,
      loaded(c, entities, body.seq),
    );
  }
  queries.setQueryData(replayPlanQuery(scenario).queryKey, {
    plan: body.plan,
    progress: body.progress,
  });
  return body.seq;
}

function loaded<C extends CollectionId>(
  c: C,
  entities: EntityOf<C>[],
  seq: number,
): LoadedCollection<C> {
  const key = COLLECTIONS[c].key;
  return {
    seq,
    features: { type: 'FeatureCollection', features: entities.map((e) => toFeature(c, e)) },
    entities,
    byKey: new Map(entities.map((e) => [String((e as Record<string, unknown>)[key]), e])),
  };
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
  for (const c of LIVE_COLLECTION_IDS) {
    const mine = events.filter((e) => collectionOfEvent(e.type) === c);
    if (mine.length === 0) continue;
    queries.setQueryData<LoadedCollection<typeof c>>(
      replayCollectionQuery(scenario, c).queryKey,
      (old) => (old ? mine.reduce((acc, e) => applyEvent(acc, c, e), old) : old),
    );
  }
  const plans = events.filter((e) => e.type.startsWith('plan:'));
  if (plans.length > 0)
    queries.setQueryData<PlanState>(replayPlanQuery(scenario).queryKey, (old) =>
      old ? plans.reduce(applyPlanEvent, old) : old,
    );
}
