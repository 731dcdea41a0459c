import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { FeedEvent, Team, TransferPlan } from '../../shared/protocol/index.ts';
import { collectionQuery, replayCollectionQuery } from './collections.ts';
import { applyToCaches, liveKeys } from './live-caches.ts';
import { currentPlanQuery, wallStateQuery } from './live-values.ts';
import { loadedCollection, withEvents, type LoadedCollection } from './loaded-collection.ts';

const at = '2026-07-20T08:00:00+08:00';
const event = (seq: number, type: string, payload: unknown) =>
  ({ seq, time: at, scenario: 'erqi', type, payload }) as FeedEvent;
const team = (id: string) =>
  ({ id, status: 'available', position: [113.6, 34.7] }) as unknown as Team;
const teams = (seq: number, ...ids: string[]) =>
  loadedCollection(
    'teams',
    ids.map((id) => team(id)),
    seq,
  );

describe('withEvents', () => {
  it('moves a team in the entity and its feature, leaving the input and other features alone', () => {
    const before = teams(10, 'TM1', 'TM2');
    const after = withEvents(before, 'teams', [
      event(11, 'team:move', { id: 'TM1', position: [113.61, 34.71] }),
      event(12, 'team:status', { id: 'TM1', status: 'en_route' }),
    ]);
    expect(after.byKey.get('TM1')).toMatchObject({ position: [113.61, 34.71], status: 'en_route' });
    expect(after.features.features[0]?.geometry).toEqual({
      type: 'Point',
      coordinates: [113.61, 34.71],
    });
    // The untouched team's feature is the same object: deck.gl and MapLibre see no change there.
    expect(after.features.features[1]).toBe(before.features.features[1]);
    expect(after.seq).toBe(12);
    expect(before.byKey.get('TM1')?.status).toBe('available');
  });

  it('returns the snapshot itself for events it already holds', () => {
    const snapshot = teams(20, 'TM1');
    expect(
      withEvents(snapshot, 'teams', [event(20, 'team:status', { id: 'TM1', status: 'off_duty' })]),
    ).toBe(snapshot);
  });

  it('adds a feature for a new entity and drops the feature of one that left', () => {
    const hazard = (id: string, status: string) =>
      ({ id, status, position: [113.6, 34.7] }) as never;
    let c: LoadedCollection<'open-hazards'> = loadedCollection('open-hazards', [], 0);
    c = withEvents(c, 'open-hazards', [event(1, 'hazard:report', hazard('GR1', 'reported'))]);
    expect(c.features.features.map((f) => f.id)).toEqual(['GR1']);
    c = withEvents(c, 'open-hazards', [event(2, 'hazard:update', hazard('GR1', 'closed'))]);
    expect(c.features.features).toEqual([]);
    expect(c.entities).toEqual([]);
  });
});

describe('applyToCaches', () => {
  it('writes each event to its target cache, once per target, and skips what a cache holds', () => {
    const queries = new QueryClient();
    queries.setQueryData(collectionQuery('erqi', 'teams').queryKey, teams(5, 'TM1'));
    const plan = { id: 'P1' } as unknown as TransferPlan;
    queries.setQueryData(currentPlanQuery('erqi').queryKey, { seq: 7, plan: null, progress: [] });
    applyToCaches(
      queries,
      'erqi',
      [
        event(6, 'team:status', { id: 'TM1', status: 'en_route' }),
        event(7, 'plan:publish', plan), // the plan snapshot already holds seq 7
        event(8, 'wall:state', { scene: 'kpis', focus: null, by: '', at }), // not cached: left
      ],
      'live',
    );
    expect(
      queries.getQueryData(collectionQuery('erqi', 'teams').queryKey)?.byKey.get('TM1')?.status,
    ).toBe('en_route');
    expect(queries.getQueryData(currentPlanQuery('erqi').queryKey)?.plan).toBeNull();
    expect(queries.getQueryData(wallStateQuery('erqi').queryKey)).toBeUndefined();
  });

  it('keeps the replay copy apart from the live one', () => {
    const queries = new QueryClient();
    queries.setQueryData(collectionQuery('erqi', 'teams').queryKey, teams(0, 'TM1'));
    queries.setQueryData(replayCollectionQuery('erqi', 'teams').queryKey, teams(0, 'TM1'));
    applyToCaches(
      queries,
      'erqi',
      [event(1, 'team:status', { id: 'TM1', status: 'off_duty' })],
      'replay',
    );
    const status = (key: readonly unknown[]) =>
      (queries.getQueryData(key) as LoadedCollection<'teams'>).byKey.get('TM1')?.status;
    expect(status(replayCollectionQuery('erqi', 'teams').queryKey)).toBe('off_duty');
    expect(status(collectionQuery('erqi', 'teams').queryKey)).toBe('available');
  });

  it('knows every live target by its query hash (how the feed spots a fresh snapshot)', () => {
    const keys = liveKeys('erqi', 'live');
    expect([...keys.values()].sort()).toEqual([
      'briefing',
      'callouts',
      'firings',
      'incidents',
      'open-hazards',
      'plan',
      'roll',
      'shelters',
      'teams',
      'wall',
      'warnings',
    ]);
    expect(keys.get(JSON.stringify(['collection', 'erqi', 'teams']))).toBe('teams');
    expect(liveKeys('erqi', 'replay').has(JSON.stringify(['wall', 'erqi']))).toBe(false);
  });
});
