import { describe, expect, it } from 'vitest';
import {
  EVENT_PAYLOADS,
  MAX_CLOSED_INCIDENTS,
  type BriefingScene,
  type FeedEvent,
  type Firing,
  type HiddenHazard,
  type Incident,
  type KnownEventType,
  type Shelter,
  type Team,
  type TransferPlan,
  type Warning,
} from '../protocol/index.ts';
import { testCallout } from '../callout/callout-test-data.ts';
import { testCheckin } from '../people/checkin-test-data.ts';
import { checkinsOf, rollOf } from '../people/roll.ts';
import { apply, emptyLive, entityChanges, type LiveData } from './live-reducer.ts';
import { EVENT_TARGET, LIVE_COLLECTIONS, LIVE_IDS } from './live-targets.ts';

const at = '2026-07-20T08:00:00+08:00';
const event = <T extends KnownEventType>(
  seq: number,
  type: T,
  payload: Extract<FeedEvent, { type: T }>['payload'],
): FeedEvent => ({ seq, time: at, scenario: 'erqi', type, payload }) as FeedEvent;

const incident = (id: string, status: string, updatedAt = at) =>
  ({ id, status, position: [113.6, 34.7], updatedAt, assignedTeamIds: [] }) as unknown as Incident;
const team = { id: 'TM1', status: 'available', position: [113.6, 34.7] } as unknown as Team;
const shelter = { id: 'SH1', occupancy: 0, status: 'open' } as unknown as Shelter;
const warning = (identifier: string, references: string[] = []) =>
  ({ identifier, references }) as unknown as Warning;
const hazard = (status: string) => ({ id: 'GR1', status }) as unknown as HiddenHazard;
const firing = (over: object = {}) => ({ id: 'F1', status: 'open', ...over }) as unknown as Firing;
const plan = (id: string) => ({ id }) as unknown as TransferPlan;
const callout = testCallout({ id: 'C1' });
const round = { id: 'C1', at, attempt: 2, dueAt: at, escalatedTo: ['C2'] };
const scene = (id: string) => ({ id }) as unknown as BriefingScene;
const wall = { scene: 'kpis' as const, focus: null, by: '王值班', at };

const checkin = testCheckin;

/**
 * A state as its readers see it: the roll's versions share one append-only list (see roll.ts),
 * so its value is the check-ins up to its count, not the list it points into.
 */
const seen = (s: LiveData) => ({ ...s, roll: [...checkinsOf(s.roll)] });

/** A state with some of its parts given. */
function live(
  parts: Partial<Omit<LiveData, 'collections'>> & {
    collections?: Partial<LiveData['collections']>;
  },
): LiveData {
  const base = emptyLive();
  return { ...base, ...parts, collections: { ...base.collections, ...parts.collections } };
}
const map = <T extends { id: string } | { identifier: string }>(...items: T[]) =>
  new Map(items.map((i) => ['id' in i ? i.id : i.identifier, i]));

/** Event in, state out: one row (at least) per event type. */
const TABLE: [string, LiveData, FeedEvent, LiveData][] = [
  [
    'incident:open adds the incident',
    live({}),
    event(1, 'incident:open', incident('I1', 'reported')),
    live({ seq: 1, collections: { incidents: map(incident('I1', 'reported')) } }),
  ],
  [
    'incident:update replaces it',
    live({ collections: { incidents: map(incident('I1', 'reported')) } }),
    event(2, 'incident:update', incident('I1', 'confirmed')),
    live({ seq: 2, collections: { incidents: map(incident('I1', 'confirmed')) } }),
  ],
  [
    'feed:withheld withdraws the incident it names',
    live({
      collections: { incidents: map(incident('I1', 'reported'), incident('I2', 'reported')) },
    }),
    event(3, 'feed:withheld', { incident: 'I1' }),
    live({ seq: 3, collections: { incidents: map(incident('I2', 'reported')) } }),
  ],
  [
    'warning:issue files the warning and drops those it references',
    live({ collections: { warnings: map(warning('W0')) } }),
    event(4, 'warning:issue', warning('W1', ['s,W0,t'])),
    live({ seq: 4, collections: { warnings: map(warning('W1', ['s,W0,t'])) } }),
  ],
  [
    'warning:update replaces the warning it references',
    live({ collections: { warnings: map(warning('W1')) } }),
    event(5, 'warning:update', warning('W2', ['s,W1,t'])),
    live({ seq: 5, collections: { warnings: map(warning('W2', ['s,W1,t'])) } }),
  ],
  [
    'warning:cancel drops what it references and is not filed itself',
    live({ collections: { warnings: map(warning('W1')) } }),
    event(6, 'warning:cancel', warning('W2', ['s,W1,t'])),
    live({ seq: 6 }),
  ],
  [
    'warning:expire drops the warning',
    live({ collections: { warnings: map(warning('W1')) } }),
    event(7, 'warning:expire', { identifier: 'W1' }),
    live({ seq: 7 }),
  ],
  [
    'team:update replaces the team',
    live({ collections: { teams: map(team) } }),
    event(8, 'team:update', { ...team, status: 'off_duty' }),
    live({ seq: 8, collections: { teams: map({ ...team, status: 'off_duty' as const }) } }),
  ],
  [
    'team:move moves it and notes when the fix was taken',
    live({ collections: { teams: map(team) } }),
    event(9, 'team:move', { id: 'TM1', position: [113.61, 34.71] }),
    live({
      seq: 9,
      collections: { teams: map({ ...team, position: [113.61, 34.71], positionAt: at }) },
    }),
  ],
  [
    'team:status changes its status only',
    live({ collections: { teams: map(team) } }),
    event(10, 'team:status', { id: 'TM1', status: 'en_route' }),
    live({ seq: 10, collections: { teams: map({ ...team, status: 'en_route' as const }) } }),
  ],
  [
    'shelter:update sets occupancy and status',
    live({ collections: { shelters: map(shelter) } }),
    event(11, 'shelter:update', { id: 'SH1', occupancy: 120, status: 'full' }),
    live({
      seq: 11,
      collections: { shelters: map({ ...shelter, occupancy: 120, status: 'full' as const }) },
    }),
  ],
  [
    'hazard:report adds an open hidden hazard',
    live({}),
    event(12, 'hazard:report', hazard('reported')),
    live({ seq: 12, collections: { 'open-hazards': map(hazard('reported')) } }),
  ],
  [
    'hazard:update closing it takes it out of the open ones',
    live({ collections: { 'open-hazards': map(hazard('verified')) } }),
    event(13, 'hazard:update', hazard('closed')),
    live({ seq: 13 }),
  ],
  [
    'firing:open puts a rule firing in the picture',
    live({}),
    event(21, 'firing:open', firing()),
    live({ seq: 21, collections: { firings: map(firing()) } }),
  ],
  [
    'firing:update replaces it (acknowledged)',
    live({ collections: { firings: map(firing()) } }),
    event(22, 'firing:update', firing({ acknowledgedBy: 'duty' })),
    live({ seq: 22, collections: { firings: map(firing({ acknowledgedBy: 'duty' })) } }),
  ],
  [
    'firing:clear takes it out of the picture',
    live({ collections: { firings: map(firing()) } }),
    event(23, 'firing:clear', firing({ status: 'cleared' })),
    live({ seq: 23 }),
  ],
  [
    'callout:open puts a person being called in the picture',
    live({}),
    event(24, 'callout:open', callout),
    live({ seq: 24, collections: { callouts: map(callout) } }),
  ],
  [
    'callout:escalate counts the round and names who was called about it',
    live({ collections: { callouts: map(callout) } }),
    event(25, 'callout:escalate', round),
    live({
      seq: 25,
      collections: {
        callouts: map({ ...callout, attempts: 2, lastCallAt: at, dueAt: at, escalatedTo: ['C2'] }),
      },
    }),
  ],
  [
    'callout:retry after an answer (another node raced it) leaves it answered',
    live({ collections: { callouts: map({ ...callout, status: 'answered', answeredAt: at }) } }),
    event(26, 'callout:retry', { ...round, escalatedTo: [] }),
    live({
      seq: 26,
      collections: {
        callouts: map({
          ...callout,
          status: 'answered',
          answeredAt: at,
          attempts: 2,
          lastCallAt: at,
          dueAt: at,
        }),
      },
    }),
  ],
  [
    'callout:answer marks it answered; a later report keeps when it was first answered',
    live({
      collections: {
        callouts: map({
          ...callout,
          status: 'answered',
          answeredAt: at,
          answer: 'received',
          answerChannel: 'voice',
        }),
      },
    }),
    event(27, 'callout:answer', {
      id: 'C1',
      at: '2026-07-20T08:09:00+08:00',
      answer: 'need-support',
      channel: 'link',
      note: '缺船',
    }),
    live({
      seq: 27,
      collections: {
        callouts: map({
          ...callout,
          status: 'answered',
          answeredAt: at,
          answer: 'need-support',
          answerChannel: 'voice',
          note: '缺船',
        }),
      },
    }),
  ],
  [
    'callout:lapse marks the unanswered; callout:close takes it out',
    live({ collections: { callouts: map(callout) } }),
    event(28, 'callout:lapse', { id: 'C1', at }),
    live({ seq: 28, collections: { callouts: map({ ...callout, status: 'unanswered' }) } }),
  ],
  [
    'callout:close takes it out of the picture (the log keeps it)',
    live({ collections: { callouts: map(callout) } }),
    event(29, 'callout:close', { id: 'C1', at }),
    live({ seq: 29 }),
  ],
  [
    'plan:publish puts the plan in force with no progress yet',
    live({ plan: { plan: plan('P0'), progress: [{ planId: 'P0', village: 'V1' } as never] } }),
    event(14, 'plan:publish', plan('P1')),
    live({ seq: 14, plan: { plan: plan('P1'), progress: [] } }),
  ],
  [
    "plan:progress records a village's progress in the plan in force",
    live({ plan: { plan: plan('P1'), progress: [] } }),
    event(15, 'plan:progress', { planId: 'P1', village: 'V1' } as never),
    live({
      seq: 15,
      plan: { plan: plan('P1'), progress: [{ planId: 'P1', village: 'V1' } as never] },
    }),
  ],
  [
    'checkin:arrive accounts for a person; their first check-in stands',
    live({ roll: rollOf([checkin('AAAAAAA', 'S1')]) }),
    event(17, 'checkin:arrive', checkin('BBBBBBB', 'S2')),
    live({ seq: 17, roll: rollOf([checkin('AAAAAAA', 'S1'), checkin('BBBBBBB', 'S2')]) }),
  ],
  [
    'wall:state replaces what the walls are asked to show',
    live({}),
    event(16, 'wall:state', wall),
    live({ seq: 16, wall }),
  ],
  [
    'briefing:view sets what the presenter shows',
    live({}),
    event(17, 'briefing:view', { scene: 'S1' } as never),
    live({ seq: 17, briefing: { presented: { scene: 'S1' } as never, scenes: [] } }),
  ],
  [
    'briefing:scene adds a scene at the end, or replaces one in its place',
    live({ briefing: { presented: null, scenes: [scene('A'), scene('B')] } }),
    event(18, 'briefing:scene', { ...scene('A'), title: 'new' }),
    live({
      seq: 18,
      briefing: { presented: null, scenes: [{ ...scene('A'), title: 'new' }, scene('B')] },
    }),
  ],
  [
    'briefing:scene-removed drops the scene',
    live({ briefing: { presented: null, scenes: [scene('A'), scene('B')] } }),
    event(19, 'briefing:scene-removed', { id: 'A' }),
    live({ seq: 19, briefing: { presented: null, scenes: [scene('B')] } }),
  ],
  [
    'briefing:scene-moved moves the scene to its new index',
    live({ briefing: { presented: null, scenes: [scene('A'), scene('B'), scene('C')] } }),
    event(20, 'briefing:scene-moved', { id: 'C', index: 0 }),
    live({ seq: 20, briefing: { presented: null, scenes: [scene('C'), scene('A'), scene('B')] } }),
  ],
];

describe('the live reducer', () => {
  it.each(TABLE)('%s', (_name, before, e, after) => {
    const snapshot = seen(structuredClone(before));
    expect(seen(apply(before, e))).toEqual(seen(after));
    // Pure: the input is as it was.
    expect(seen(before)).toEqual(snapshot);
  });

  it('has a row, that changes the state, for every event type of the contract', () => {
    const covered = new Set(TABLE.map(([, , e]) => e.type));
    expect([...covered].sort()).toEqual(Object.keys(EVENT_PAYLOADS).sort());
    for (const [name, before, e] of TABLE) {
      const { seq: _b, ...rest } = before;
      const { seq: _a, ...changed } = apply(before, e);
      expect(changed, name).not.toEqual(rest);
    }
  });

  it('keeps a person’s first check-in when a second one comes (two doors, one person)', () => {
    const state = live({ roll: rollOf([checkin('AAAAAAA', 'S1')]) });
    const next = apply(state, event(18, 'checkin:arrive', checkin('AAAAAAA', 'S2')));
    expect(next.roll).toBe(state.roll);
    expect(checkinsOf(next.roll).map((c) => c.place)).toEqual(['S1']);
  });

  it('ignores an event the state already holds', () => {
    const state = live({ seq: 20, collections: { teams: map(team) } });
    expect(apply(state, event(20, 'team:status', { id: 'TM1', status: 'off_duty' }))).toBe(state);
  });

  it('leaves what an event does not target alone (shared, not copied)', () => {
    const state = live({ collections: { teams: map(team), shelters: map(shelter) } });
    const next = apply(state, event(1, 'team:status', { id: 'TM1', status: 'en_route' }));
    expect(next.collections.shelters).toBe(state.collections.shelters);
    expect(next.plan).toBe(state.plan);
  });

  it('does nothing to an entity it does not know (a move for a team not in the picture)', () => {
    const state = live({});
    const next = apply(state, event(1, 'team:move', { id: 'TMX', position: [113.6, 34.7] }));
    expect(next).toEqual({ ...state, seq: 1 });
  });

  it('ignores progress of a plan no longer in force', () => {
    const state = live({ plan: { plan: plan('P2'), progress: [] } });
    const next = apply(state, event(1, 'plan:progress', { planId: 'P1', village: 'V1' } as never));
    expect(next.plan).toEqual(state.plan);
  });

  it('keeps every open incident but only the most recently closed ones, ties broken by id', () => {
    let state = live({ collections: { incidents: map(incident('open', 'dispatched')) } });
    let seq = 0;
    const minute = (i: number) =>
      `2026-07-20T${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+08:00`;
    for (let i = 0; i < MAX_CLOSED_INCIDENTS + 10; i++)
      state = apply(state, event(++seq, 'incident:update', incident(`c${i}`, 'closed', minute(i))));
    // Reopened and closed again: now the newest closed one.
    state = apply(state, event(++seq, 'incident:update', incident('c10', 'reported', minute(900))));
    state = apply(state, event(++seq, 'incident:update', incident('c10', 'closed', minute(901))));
    state = apply(
      state,
      event(seq + 1, 'incident:update', incident('late', 'closed', minute(902))),
    );
    const ids = state.collections.incidents;
    expect(ids.size).toBe(MAX_CLOSED_INCIDENTS + 1);
    expect(ids.has('open')).toBe(true);
    expect(ids.has('c10')).toBe(true);
    expect(ids.has('c11')).toBe(false);
    expect(ids.has('c12')).toBe(true);
  });

  it('changes nothing through entityChanges for a collection the event does not target', () => {
    const e = event(1, 'team:status', { id: 'TM1', status: 'en_route' });
    expect(entityChanges('incidents', new Map(), e)).toEqual([]);
    expect(entityChanges('teams', map(team), e)).toHaveLength(1);
  });

  it('lists, for every live collection, the events that touch it', () => {
    expect(LIVE_COLLECTIONS.incidents.events).toEqual([
      'incident:open',
      'incident:update',
      'feed:withheld',
    ]);
    const all = LIVE_IDS.flatMap((c) => LIVE_COLLECTIONS[c].events);
    const singles = Object.entries(EVENT_TARGET)
      .filter(([, t]) => !(LIVE_IDS as readonly string[]).includes(t))
      .map(([type]) => type);
    expect([...all, ...singles].sort()).toEqual(Object.keys(EVENT_PAYLOADS).sort());
  });
});
