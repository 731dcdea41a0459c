import type { QueryClient, QueryKey } from '@tanstack/react-query';
import {
  applyBriefing,
  applyPlan,
  applyRoll,
  applyWall,
  EVENT_TARGET,
  LIVE_IDS,
  type LiveId,
  type LiveTarget,
} from '../../shared/live/index.ts';
import type { FeedEvent, ScenarioId } from '../../shared/protocol/index.ts';
import { collectionQuery, replayCollectionQuery } from './collections.ts';
import { withEvents, type LoadedCollection } from './loaded-collection.ts';
import {
  briefingQuery,
  currentPlanQuery,
  replayPlanQuery,
  rollQuery,
  wallStateQuery,
  type Versioned,
} from './live-values.ts';

/** The live copy the feed keeps, or the past one the replay player keeps. */
export type Copy = 'live' | 'replay';

interface LiveCache {
  /** Where the target sits in the query cache (null: the replay has no copy of it). */
  key(scenario: ScenarioId, copy: Copy): QueryKey | null;
  /** The cached value with events applied (each at most once: the value carries its seq). */
  apply(cached: unknown, events: readonly FeedEvent[]): unknown;
}

function versioned<T>(step: (state: T, e: FeedEvent) => T) {
  return (cached: unknown, events: readonly FeedEvent[]): unknown => {
    let v = cached as Versioned<T>;
    for (const e of events) if (e.seq > v.seq) v = { ...step(v, e), seq: e.seq };
    return v;
  };
}

function collectionCache(c: LiveId): LiveCache {
  return {
    key: (scenario, copy) =>
      (copy === 'live' ? collectionQuery(scenario, c) : replayCollectionQuery(scenario, c))
        .queryKey,
    apply: (cached, events) => withEvents(cached as LoadedCollection<typeof c>, c, events),
  };
}

/**
 * Where each part of the live state is cached in the console and how the feed's events reach
 * it: the meaning is the shared reducer's, this only says where the result goes.
 */
export const LIVE_CACHES: { readonly [T in LiveTarget]: LiveCache } = {
  ...(Object.fromEntries(LIVE_IDS.map((c) => [c, collectionCache(c)])) as Record<
    LiveId,
    LiveCache
  >),
  plan: {
    key: (scenario, copy) =>
      (copy === 'live' ? currentPlanQuery(scenario) : replayPlanQuery(scenario)).queryKey,
    apply: versioned(applyPlan),
  },
  // The replay keeps no copy of the roll yet (the 转移点名 board hides while replaying).
  roll: {
    key: (scenario, copy) => (copy === 'live' ? rollQuery(scenario).queryKey : null),
    apply: versioned(applyRoll),
  },
  wall: {
    key: (scenario, copy) => (copy === 'live' ? wallStateQuery(scenario).queryKey : null),
    apply: versioned(applyWall),
  },
  briefing: {
    key: (scenario, copy) => (copy === 'live' ? briefingQuery(scenario).queryKey : null),
    apply: versioned(applyBriefing),
  },
};

export const LIVE_TARGETS = Object.keys(LIVE_CACHES) as LiveTarget[];

/**
 * Applies events to the cached copies: one cache write per target, events in seq order. A
 * target not cached yet is left for its first fetch (which already holds these events).
 */
export function applyToCaches(
  queries: QueryClient,
  scenario: ScenarioId,
  events: readonly FeedEvent[],
  copy: Copy,
): void {
  const byTarget = new Map<LiveTarget, FeedEvent[]>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const target = EVENT_TARGET[e.type];
    const list = byTarget.get(target);
    if (list) list.push(e);
    else byTarget.set(target, [e]);
  }
  for (const [target, mine] of byTarget) {
    const key = LIVE_CACHES[target].key(scenario, copy);
    if (key)
      queries.setQueryData(key, (old: unknown) =>
        old === undefined ? old : LIVE_CACHES[target].apply(old, mine),
      );
  }
}

/** This scenario's cached copies by query hash: what a cache event's query holds. */
export function liveKeys(scenario: ScenarioId, copy: Copy): Map<string, LiveTarget> {
  const keys = new Map<string, LiveTarget>();
  for (const t of LIVE_TARGETS) {
    const key = LIVE_CACHES[t].key(scenario, copy);
    if (key) keys.set(JSON.stringify(key), t);
  }
  return keys;
}
