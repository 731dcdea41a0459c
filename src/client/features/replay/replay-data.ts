import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { LIVE_IDS } from '../../../shared/live/index.ts';
import {
  COLLECTIONS,
  parseFeedEvent,
  type EntityOf,
  type FeedEvent,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { fetchReplayEvents, fetchReplayMoment } from '../../api/replay-reads.ts';
import { replayCollectionQuery } from '../../data/collections.ts';
import { applyToCaches } from '../../data/live-caches.ts';
import { replayPlanQuery } from '../../data/live-values.ts';
import { loadedCollection } from '../../data/loaded-collection.ts';

export { fetchReplayRange as fetchRange } from '../../api/replay-reads.ts';

/**
 * The live collections as they stood at `at`, each item checked against its schema, put where
 * the console reads replay data from. Returns the log position they reflect.
 */
export async function loadMoment(
  queries: QueryClient,
  scenario: ScenarioId,
  at: number,
): Promise<number> {
  const body = await fetchReplayMoment(scenario, at);
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
  const body = await fetchReplayEvents(scenario, seq, until);
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
