import { describe, expect, it } from 'vitest';
import {
  MAX_CLOSED_INCIDENTS,
  toFeature,
  type FeedEvent,
  type HiddenHazard,
  type Incident,
  type Team,
} from '../../shared/protocol/index.ts';
import type { LoadedCollection } from '../data/collections.ts';
import { applyEvent, collectionOfEvent } from './apply-event.ts';

const team = {
  id: 'TM1',
  name: '一队',
  status: 'available',
  position: [113.6, 34.7],
} as unknown as Team;
const teams = (seq: number): LoadedCollection<'teams'> => ({
  seq,
  entities: [team],
  byKey: new Map([[team.id, team]]),
  features: { type: 'FeatureCollection', features: [toFeature('teams', team)] },
});
const event = (seq: number, type: string, payload: unknown) =>
  ({ seq, time: '2026-07-20T08:00:00+08:00', scenario: 'erqi', type, payload }) as FeedEvent;

describe('applyEvent', () => {
  it('moves a team and changes its status, in the entity and its feature, without touching the input', () => {
    const before = teams(10);
    const moved = applyEvent(
      before,
      'teams',
      event(11, 'team:move', { id: 'TM1', position: [113.61, 34.71] }),
    );
    const busy = applyEvent(
      moved,
      'teams',
      event(12, 'team:status', { id: 'TM1', status: 'en_route' }),
    );
    expect(busy.byKey.get('TM1')).toMatchObject({ position: [113.61, 34.71], status: 'en_route' });
    expect(busy.features.features[0]?.geometry).toEqual({
      type: 'Point',
      coordinates: [113.61, 34.71],
    });
    expect(busy.seq).toBe(12);
    expect(before.byKey.get('TM1')?.status).toBe('available');
  });

  it('ignores events the snapshot already holds', () => {
    const snapshot = teams(20);
    expect(
      applyEvent(snapshot, 'teams', event(20, 'team:status', { id: 'TM1', status: 'off_duty' })),
    ).toBe(snapshot);
  });

  it('adds and replaces incidents, and a cancel removes the warning it references', () => {
    const empty: LoadedCollection<'incidents'> = {
      seq: 0,
      entities: [],
      byKey: new Map(),
      features: { type: 'FeatureCollection', features: [] },
    };
    const incident = {
      id: 'I1',
      status: 'reported',
      position: [113.6, 34.7],
    } as unknown as Incident;
    const opened = applyEvent(empty, 'incidents', event(1, 'incident:open', incident));
    const updated = applyEvent(
      opened,
      'incidents',
      event(2, 'incident:update', { ...incident, status: 'confirmed' }),
    );
    expect(updated.entities).toHaveLength(1);
    expect(updated.byKey.get('I1')?.status).toBe('confirmed');

    const warning = { identifier: 'W1', sender: 's', sent: 't', references: [], areas: [] };
    const warnings: LoadedCollection<'warnings'> = {
      seq: 0,
      entities: [],
      byKey: new Map(),
      features: { type: 'FeatureCollection', features: [] },
    };
    const issued = applyEvent(warnings, 'warnings', event(3, 'warning:issue', warning));
    expect(issued.entities).toHaveLength(1);
    const cancelled = applyEvent(
      issued,
      'warnings',
      event(4, 'warning:cancel', { ...warning, identifier: 'W2', references: ['s,W1,t'] }),
    );
    expect(cancelled.entities).toHaveLength(0);
  });

  it('routes each event type to its collection', () => {
    expect(collectionOfEvent('team:move')).toBe('teams');
    expect(collectionOfEvent('warning:cancel')).toBe('warnings');
    expect(collectionOfEvent('plan:publish')).toBeNull();
    expect(collectionOfEvent('feed:withheld')).toBe('incidents');
    expect(collectionOfEvent('hazard:report')).toBe('open-hazards');
  });
  it('adds and updates hidden hazards and drops them when closed, as the gateway does', () => {
    const hazard = (status: string) =>
      ({ id: 'GR-1', status, position: [113.6, 34.7] }) as unknown as HiddenHazard;
    let c: LoadedCollection<'open-hazards'> = {
      seq: 0,
      entities: [],
      byKey: new Map(),
      features: { type: 'FeatureCollection', features: [] },
    };
    c = applyEvent(c, 'open-hazards', event(1, 'hazard:report', hazard('reported')));
    c = applyEvent(c, 'open-hazards', event(2, 'hazard:update', hazard('verified')));
    expect(c.entities).toEqual([hazard('verified')]);
    expect(c.features.features[0]?.properties).toMatchObject({ status: 'verified' });
    c = applyEvent(c, 'open-hazards', event(3, 'hazard:update', hazard('closed')));
    expect(c.entities).toEqual([]);
    expect(c.features.features).toEqual([]);
  });
  it('keeps every open incident but only the most recently closed ones, as the gateway does', () => {
    const incident = (i: number, status: string): Incident =>
      ({
        id: `I${i}`,
        status,
        position: [113.6, 34.7],
        updatedAt: `2026-07-20T08:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      }) as unknown as Incident;
    let c: LoadedCollection<'incidents'> = {
      seq: 0,
      entities: [],
      byKey: new Map(),
      features: { type: 'FeatureCollection', features: [] },
    };
    let seq = 0;
    c = applyEvent(c, 'incidents', event(++seq, 'incident:open', incident(9999, 'reported')));
    for (let i = 0; i < MAX_CLOSED_INCIDENTS + 10; i++)
      c = applyEvent(c, 'incidents', event(++seq, 'incident:update', incident(i, 'closed')));
    expect(c.entities).toHaveLength(MAX_CLOSED_INCIDENTS + 1);
    expect(c.byKey.has('I9999')).toBe(true);
    expect(c.byKey.has('I9')).toBe(false);
    expect(c.byKey.has('I10')).toBe(true);
    expect(c.features.features).toHaveLength(MAX_CLOSED_INCIDENTS + 1);
  });
});
