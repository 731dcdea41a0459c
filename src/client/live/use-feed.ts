import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import { FeedClient, type FeedState } from './feed-client.ts';

/** Follows the scenario's live feed while the component is mounted (the socket opens on subscribe). */
export function useFeed(scenario: ScenarioId): FeedState {
  const queries = useQueryClient();
  const client = useMemo(() => new FeedClient(scenario, queries), [scenario, queries]);
  return useSyncExternalStore(client.subscribeState, client.getState);
}
