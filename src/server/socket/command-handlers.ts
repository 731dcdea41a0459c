import type { z } from 'zod';
import { AreaLocator } from '../../shared/analysis/locate.ts';
import {
  HAZARD_NEXT,
  INCIDENT_NEXT,
  type Ack,
  type AdminArea,
  type CommandDone,
  type CommandName,
  type COMMANDS,
  type HiddenHazard,
  type Incident,
  type LonLat,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import { ConflictError } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';

type Input<N extends CommandName> = z.infer<(typeof COMMANDS)[N]['schema']>;

/** A briefing is a deck of slides, not an archive: past this, old scenes should go. */
const MAX_SCENES = 60;

/** What the handlers need besides the command: the live state and where places are. */
export interface CommandContext {
  hub: FeedHub;
  /** County, township and village of a point in a scenario (null outside the region). */
  place(scenario: ScenarioId, p: LonLat): Place | null;
  /** Seconds over the scenario's roads from one point to another (null: no way). */
  eta(scenario: ScenarioId, from: LonLat, to: LonLat): number | null;
  /** The gateway runs an exercise: a call taken now is part of it (and marked so). */
  exercise: boolean;
}

/** Road travel times on each scenario's network. */
export function etaFinder(scenarios: ReadonlyMap<ScenarioId, ScenarioData>) {
  return (scenario: ScenarioId, from: LonLat, to: LonLat): number | null => {
    const route = scenarios.get(scenario)?.roads.route(from, to);
    return route ? Math.round(route.seconds) : null;
  };
}

interface Place {
  countyCode: string;
  townshipCode: string | null;
  villageCode: string | null;
}

/** A place finder over each scenario's townships and villages, indexed on first use. */
export function placeFinder(scenarios: ReadonlyMap<ScenarioId, ScenarioData>) {
  // Per version of the data (a new version brings new areas).
  const locators = new WeakMap<ScenarioData, { townships: AreaLocator; villages: AreaLocator }>();
  const areas = (s: ScenarioData, id: 'townships' | 'villages') =>
    (s.collections.get(id) as { entities?: readonly AdminArea[] } | undefined)?.entities ?? [];
  return (scenario: ScenarioId, p: LonLat): Place | null => {
    const s = scenarios.get(scenario);
    if (!s) return null;
    let l = locators.get(s);
    if (!l) {
      l = {
        townships: new AreaLocator(areas(s, 'townships')),
        villages: new AreaLocator(areas(s, 'villages')),
      };
      locators.set(s, l);
    }
    const township = l.townships.at(p);
    if (!township) return null;
    const village = l.villages.at(p);
    return {
      countyCode: township.code.slice(0, 6),
      townshipCode: township.code,
      villageCode: village?.code.startsWith(township.code) ? village.code : null,
    };
  };
}

let created = 0;

/** What a command comes to: the events it publishes (and the id it makes), or why not. */
export type Decision =
  | { ok: true; events: { type: string; payload: unknown }[]; id?: string }
  | { ok: false; error: string };

/**
 * Applies one validated, authorised command: decides on the live state as it is now, then
 * commits its events with its idempotency key in one commit (all of them or none; a retry
 * after a crash past the commit is answered from the record, not applied again).
 */
export async function executeCommand(
  ctx: CommandContext,
  name: CommandName,
  data: Input<CommandName>,
  /** Who sent it (recorded with dispatches). */
  by: string,
  /** Its idempotency key (per sender). */
  key: string,
): Promise<Ack<CommandDone>> {
  // Decided on this node's state and committed only if the jurisdiction has not changed since
  // (scaled out, another node may have sent the same team a moment ago): else caught up and
  // decided again, on what the other node did.
  for (let attempt = 1; ; attempt++) {
    const expect = ctx.hub.decisionVersion(data.scenario);
    const decided = decideCommand(ctx, name, data, by);
    if (!decided.ok) return decided;
    const id = decided.id ? { id: decided.id } : {};
    try {
      const r = await ctx.hub.publishAll(data.scenario, decided.events, { key, ...id }, 'command', {
        expect,
      });
      if (!r.ok) return r;
      return { ok: true, data: { seq: r.events[r.events.length - 1]?.seq ?? 0, ...id } };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= DECIDE_ATTEMPTS) throw error;
      await ctx.hub.catchUp(data.scenario, error.version);
    }
  }
}

/** Decisions tried before a command busy with others' changes fails (and may be retried). */
const DECIDE_ATTEMPTS = 5;

/** Checks a command against the state it changes and says which events it publishes. */
export function decideCommand(
  ctx: CommandContext,
  name: CommandName,
  data: Input<CommandName>,
  by: string,
): Decision {
  const { hub } = ctx;
  const live = hub.live.get(data.scenario);
  if (!live) return { ok: false, error: `scenario ${data.scenario} is not loaded` };
  const publish = (type: string, payload: unknown): Decision => ({
    ok: true,
    events: [{ type, payload }],
  });
  const now = new Date().toISOString();
  switch (name) {
    case 'team:set-status': {
      const d = data as Input<'team:set-status'>;
      if (!live.teams.has(d.id)) return { ok: false, error: `no team ${d.id}` };
      return publish('team:status', { id: d.id, status: d.status });
    }
    case 'incident:dispatch': {
      const d = data as Input<'incident:dispatch'>;
      const incident = live.incidents.get(d.id);
      if (!incident) return { ok: false, error: `no incident ${d.id}` };
      if (!['reported', 'confirmed', 'dispatched'].includes(incident.status))
        return {
          ok: false,
          error: `incident ${d.id} is ${incident.status}: nothing to dispatch to`,
        };
      for (const id of d.teamIds) {
        const team = live.teams.get(id);
        if (!team) return { ok: false, error: `no team ${id}` };
        if (team.status !== 'available')
          return { ok: false, error: `team ${id} (${team.name}) is ${team.status}, not available` };
      }
      const teamIds = [...new Set(d.teamIds)];
      const records = teamIds.map((teamId) => {
        const from = live.teams.get(teamId)?.position;
        const etaS = from ? ctx.eta(d.scenario, from, incident.position) : null;
        return { teamId, at: now, etaS, by };
      });
      // The teams and the incident change together, or not at all.
      return {
        ok: true,
        events: [
          ...teamIds.map((id) => ({ type: 'team:status', payload: { id, status: 'dispatched' } })),
          {
            type: 'incident:update',
            payload: {
              ...incident,
              status: 'dispatched',
              assignedTeamIds: [...new Set([...incident.assignedTeamIds, ...teamIds])],
              dispatches: [...(incident.dispatches ?? []), ...records].slice(-100),
              updatedAt: now,
            },
          },
        ],
      };
    }
    case 'incident:transition': {
      const d = data as Input<'incident:transition'>;
      const incident = live.incidents.get(d.id);
      if (!incident) return { ok: false, error: `no incident ${d.id}` };
      if (!INCIDENT_NEXT[incident.status].includes(d.to))
        return {
          ok: false,
          error: `incident ${d.id} is ${incident.status}: it can go to ${INCIDENT_NEXT[incident.status].join(' or ')}, not ${d.to}`,
        };
      const reopening = incident.status === 'closed';
      if ((d.to === 'closed' || reopening) && (d.reason ?? '').length < 2)
        return { ok: false, error: `${reopening ? 'reopening' : 'closing'} needs a reason` };
      return publish('incident:update', { ...incident, status: d.to, updatedAt: now });
    }
    case 'incident:acknowledge': {
      const d = data as Input<'incident:acknowledge'>;
      const incident = live.incidents.get(d.id);
      if (!incident) return { ok: false, error: `no incident ${d.id}` };
      if (incident.status !== 'reported')
        return { ok: false, error: `incident ${d.id} is already ${incident.status}` };
      return publish('incident:update', { ...incident, status: 'confirmed', updatedAt: now });
    }
    case 'incident:create': {
      const d = data as Input<'incident:create'>;
      const place = ctx.place(d.scenario, d.position);
      if (!place)
        return {
          ok: false,
          error: `position ${d.position.join(', ')} lies outside the scenario's townships`,
        };
      // Unique across nodes and restarts without a counter in the store.
      const id = `CALL-${Date.now().toString(36)}-${(created++ % 1296).toString(36).padStart(2, '0')}`;
      const incident: Incident = {
        id,
        type: d.type,
        severity: d.severity,
        status: 'confirmed',
        title: d.title,
        description: d.description,
        position: d.position,
        address: d.address,
        ...place,
        reportedAt: now,
        updatedAt: now,
        assignedTeamIds: [],
        source: 'phone',
        exercise: ctx.exercise,
        sensitive: false,
      };
      return { ok: true, events: [{ type: 'incident:open', payload: incident }], id };
    }
    case 'wall:control': {
      const d = data as Input<'wall:control'>;
      const scene = d.scene === undefined ? live.wall.scene : d.scene;
      const focus = d.focus === undefined ? live.wall.focus : d.focus;
      if (d.focus && !live.incidents.has(d.focus))
        return { ok: false, error: `no live incident ${d.focus} to focus the walls on` };
      return publish('wall:state', { scene, focus, by, at: now });
    }
    case 'briefing:present': {
      const d = data as Input<'briefing:present'>;
      return publish('briefing:view', {
        view: d.view,
        title: d.title,
        notes: d.notes,
        annotations: d.annotations,
        by,
        at: now,
      });
    }
    case 'briefing:save-scene': {
      const d = data as Input<'briefing:save-scene'>;
      if (!live.scenes.has(d.scene.id) && live.scenes.size >= MAX_SCENES)
        return { ok: false, error: `a briefing holds at most ${MAX_SCENES} scenes` };
      return {
        ok: true,
        events: [{ type: 'briefing:scene', payload: { ...d.scene, by, at: now } }],
        id: d.scene.id,
      };
    }
    case 'briefing:move-scene': {
      const d = data as Input<'briefing:move-scene'>;
      if (!live.scenes.has(d.id)) return { ok: false, error: `no briefing scene ${d.id}` };
      return publish('briefing:scene-moved', {
        id: d.id,
        index: Math.min(d.index, live.scenes.size - 1),
      });
    }
    case 'briefing:remove-scene': {
      const d = data as Input<'briefing:remove-scene'>;
      if (!live.scenes.has(d.id)) return { ok: false, error: `no briefing scene ${d.id}` };
      return publish('briefing:scene-removed', { id: d.id });
    }
    case 'firing:acknowledge': {
      const d = data as Input<'firing:acknowledge'>;
      const firing = live.firings.get(d.id);
      if (!firing) return { ok: false, error: `no open firing ${d.id} (it may have cleared)` };
      if (firing.acknowledgedAt)
        return {
          ok: false,
          error: `firing ${d.id} was acknowledged by ${firing.acknowledgedBy ?? 'someone'} at ${firing.acknowledgedAt}`,
        };
      return publish('firing:update', { ...firing, acknowledgedBy: by, acknowledgedAt: now });
    }
    case 'hazard:transition': {
      const d = data as Input<'hazard:transition'>;
      const hazard: HiddenHazard | undefined =
        live.hazards.get(d.id) ?? hub.hazardHistory.get(d.scenario)?.find(d.id);
      if (!hazard) return { ok: false, error: `no hidden hazard ${d.id}` };
      if (!HAZARD_NEXT[hazard.status].includes(d.to))
        return {
          ok: false,
          error: `hidden hazard ${d.id} is ${hazard.status}: it can go to ${HAZARD_NEXT[hazard.status].join(' or ') || 'nowhere'}, not ${d.to}`,
        };
      if (hazard.status === 'reported' && d.to === 'closed' && (d.reason ?? '').length < 2)
        return { ok: false, error: 'closing a report as false needs a reason' };
      const note = d.reason ? { note: d.reason } : {};
      return publish('hazard:update', {
        ...hazard,
        ...note,
        status: d.to,
        deadline: d.deadline ?? hazard.deadline,
        rectifiedAt: d.to === 'rectified' ? now : d.to === 'closed' ? hazard.rectifiedAt : null,
      });
    }
  }
}
