import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FastifyBaseLogger } from 'fastify';
import { firingWarning, standingRuleWarning } from '../../shared/hydro/firing-warning.ts';
import { HydroRuleEngine, type FiringChange } from '../../shared/hydro/rules/engine.ts';
import { ThreatMap } from '../../shared/hydro/threatened.ts';
import {
  DEFAULT_HYDRO_RULES,
  HydroRuleSet,
  type HydroRulesAnswer,
  type AdminArea,
  type EntityOf,
  type Firing,
  type HydroRule,
  type Observation,
  type ScenarioId,
  type StationReading,
} from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { EntityCollection } from '../data/collection.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';
import type { ObservationStore } from './observation-store.ts';

/** How far back a restarted gateway reads the stored observations to rebuild its windows. */
const WARM_HOURS = 24;

interface Desk {
  data: ScenarioData;
  engine: HydroRuleEngine;
  threats: ThreatMap;
  villages: Map<string, AdminArea>;
  /** The ids of the rules in force. */
  rules: ReadonlySet<string>;
  /** Open firings by the engine's key (rule|station|village): their published form. */
  open: Map<string, Firing>;
  /** Evaluations run one after another, so firings and warnings publish in order. */
  queue: Promise<void>;
}

const entities = <C extends 'stations' | 'villages' | 'rivers'>(
  data: ScenarioData,
  id: C,
): readonly EntityOf<C>[] =>
  (data.collections.get(id) as EntityCollection<C> | undefined)?.entities ?? [];

const keyOf = (rule: string, station: string, village?: string) =>
  `${rule}|${station}|${village ?? ''}`;

/**
 * The gateway's 水雨情 rules: observations in (from any feed), firings out. Each scenario's
 * engine keeps sliding windows per station; a firing opening or clearing is an event in the log
 * (`firing:open` / `firing:clear`, so a replay shows it) and an audit line, names the villages
 * it threatens, and — when its rule says so — issues or upgrades the station's warning over
 * those villages, which is what prepares the transfer draft on every console.
 */
export class HydroDesk {
  private readonly desks = new Map<ScenarioId, Desk>();

  constructor(
    private readonly d: {
      scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
      hub: FeedHub;
      audit: AuditGate;
      store: ObservationStore;
      rejections: Rejections;
      log: FastifyBaseLogger;
      exercise: boolean;
    },
  ) {}

  /**
   * The rules in force for a jurisdiction: an admin's (kept in the observation store), else the
   * jurisdiction's own `rules.json`, else OneMap's defaults. A bad file is logged and skipped.
   */
  ruleSet(scenario: ScenarioId): HydroRulesAnswer {
    const edited = this.d.store.rules(scenario);
    if (edited)
      return {
        scenario,
        rules: edited.rules,
        source: 'edited',
        updatedBy: edited.by,
        updatedAt: edited.at,
      };
    const data = this.d.scenarios.get(scenario);
    const file = data ? join(data.dir, 'rules.json') : null;
    if (file && existsSync(file)) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        // A file someone edited by hand: reported, never a failing engine.
        this.d.log.error(`${file} is not JSON (${(e as Error).message}): the default rules apply`);
      }
      const parsed = HydroRuleSet.safeParse(raw);
      if (parsed.success) return { scenario, rules: parsed.data, source: 'jurisdiction' };
      if (raw !== undefined)
        this.d.log.error(`${file}: ${z.prettifyError(parsed.error)} (the default rules apply)`);
    }
    return { scenario, rules: [...DEFAULT_HYDRO_RULES], source: 'default' };
  }

  /**
   * An admin's new rules: kept, and the jurisdiction's engine rebuilt on them at once (from the
   * stored day, reconciled with the open firings: those of a rule gone are cleared).
   */
  async setRules(scenario: ScenarioId, rules: readonly HydroRule[], by: string): Promise<void> {
    this.d.store.putRules(scenario, rules, by, new Date().toISOString());
    const had = this.desks.get(scenario);
    this.desks.delete(scenario);
    const desk = this.desk(scenario, had?.queue);
    await desk?.queue;
  }

  /**
   * Stores a feed's observations (each once) and evaluates the new ones; resolves when their
   * firings are published. Answers how many were new.
   */
  async receive(
    scenario: ScenarioId,
    observations: readonly Observation[],
    channel: string,
  ): Promise<number> {
    // The engine first (a new one reads the stored history), then the new observations.
    const desk = this.desk(scenario);
    const fresh = this.d.store.add(scenario, observations);
    this.d.rejections.observations.inc({ channel }, fresh.length);
    if (!desk || fresh.length === 0) return fresh.length;
    const run = desk.queue.then(() => this.evaluate(scenario, desk, fresh));
    desk.queue = run.catch((e: unknown) => this.d.log.error(e, `hydro rules ${scenario}`));
    await run;
    return fresh.length;
  }

  /** Every station's latest that has reported since the engine started (or warmed). */
  readings(scenario: ScenarioId): StationReading[] {
    const desk = this.desk(scenario);
    if (!desk) return [];
    return entities(desk.data, 'stations').flatMap((s) => {
      const r = desk.engine.reading(s.code);
      return r ? [{ station: s.id, code: s.code, ...r }] : [];
    });
  }

  /** Waits for the evaluations in flight (a test reads their events next). */
  async settle(): Promise<void> {
    await Promise.all([...this.desks.values()].map((d) => d.queue));
  }

  /** The scenario's engine, built on first use and again for a new version of its data. */
  private desk(scenario: ScenarioId, after?: Promise<void>): Desk | null {
    const data = this.d.scenarios.get(scenario);
    if (!data) return null;
    const had = this.desks.get(scenario);
    if (had?.data === data) return had;
    const stations = entities(data, 'stations');
    const villages = entities(data, 'villages');
    const rules = this.ruleSet(scenario).rules;
    const engine = new HydroRuleEngine(stations, rules);
    const desk: Desk = {
      data,
      engine,
      threats: new ThreatMap(villages, entities(data, 'rivers')),
      villages: new Map(villages.map((v) => [v.code, v])),
      rules: new Set(rules.map((r) => r.id)),
      open: new Map(),
      queue: had?.queue ?? after ?? Promise.resolve(),
    };
    this.desks.set(scenario, desk);
    // Read now, before anything new is stored; what it implies is published in turn.
    const since = Date.now() - WARM_HOURS * 3_600_000;
    for (const o of this.d.store.recent(scenario, since)) engine.observe(o);
    desk.queue = desk.queue.then(() => this.warm(scenario, desk));
    return desk;
  }

  /**
   * A restarted gateway (or a new data version) has read the last day of stored observations
   * into fresh windows without publishing; it then takes the open firings the log holds as its
   * own: one the data says has cleared since is cleared now, one the windows hold open is not
   * opened twice, and one they open that the log lacks is published.
   */
  private async warm(scenario: ScenarioId, desk: Desk): Promise<void> {
    const live = this.d.hub.live.get(scenario);
    const engineOpen = new Set(
      desk.engine.openFirings().map((c) => keyOf(c.rule.id, c.station.id, c.villageCode)),
    );
    for (const f of live?.firings.values() ?? []) {
      const key = keyOf(f.rule, f.station, f.villageCode);
      if (engineOpen.has(key)) desk.open.set(key, f);
      else if (
        !desk.rules.has(f.rule) ||
        this.d.store.reportedAfter(scenario, f.stationCode, f.openedAt)
      )
        await this.publish(scenario, 'firing:clear', {
          ...f,
          status: 'cleared',
          clearedAt: new Date().toISOString(),
        });
      else desk.open.set(key, f);
    }
    for (const c of desk.engine.openFirings())
      if (!desk.open.has(keyOf(c.rule.id, c.station.id, c.villageCode)))
        await this.changed(scenario, desk, c);
  }

  private async evaluate(scenario: ScenarioId, desk: Desk, fresh: Observation[]): Promise<void> {
    for (const o of fresh)
      for (const change of desk.engine.observe(o)) await this.changed(scenario, desk, change);
  }

  private async changed(scenario: ScenarioId, desk: Desk, c: FiringChange): Promise<void> {
    const key = keyOf(c.rule.id, c.station.id, c.villageCode);
    if (c.change === 'clear') {
      const was = desk.open.get(key);
      desk.open.delete(key);
      if (was)
        await this.publish(scenario, 'firing:clear', {
          ...was,
          status: 'cleared',
          value: c.value,
          trend: desk.engine.trend(c.station.code),
          clearedAt: c.at,
        });
      return;
    }
    if (desk.open.has(key)) return;
    const firing = this.firingOf(desk, c, key);
    desk.open.set(key, firing);
    const warning = c.rule.warn ? await this.warn(scenario, desk, firing) : undefined;
    await this.publish(scenario, 'firing:open', warning ? { ...firing, warning } : firing);
  }

  private firingOf(desk: Desk, c: FiringChange, key: string): Firing {
    const s = c.station;
    const hash = createHash('sha1').update(key).digest('hex').slice(0, 8);
    return {
      id: `F-${s.code}-${hash}-${Date.parse(c.at).toString(36)}`,
      status: 'open',
      rule: c.rule.id,
      ruleName: c.rule.name,
      ruleKind: c.rule.kind,
      level: c.rule.level,
      station: s.id,
      stationCode: s.code,
      stationName: s.name,
      stationKind: s.kind,
      position: s.position,
      countyCode: s.countyCode,
      townshipCode: s.townshipCode,
      ...(c.villageCode ? { villageCode: c.villageCode } : {}),
      villages: desk.threats.villagesFor(s, c.rule.kind, c.villageCode),
      value: c.value,
      threshold: c.threshold,
      unit: c.unit,
      ...(c.windowH ? { windowH: c.windowH } : {}),
      trend: desk.engine.trend(s.code),
      openedAt: c.at,
    };
  }

  /** Issues or upgrades the station's warning; answers the identifier now standing, if any. */
  private async warn(scenario: ScenarioId, desk: Desk, f: Firing): Promise<string | undefined> {
    const live = this.d.hub.live.get(scenario);
    const standing = live ? standingRuleWarning(live.warnings.values(), f.station) : undefined;
    const warning = firingWarning(f, desk.villages, standing, {
      now: new Date(),
      exercise: this.d.exercise,
    });
    if (!warning) return standing?.identifier;
    const type = standing ? 'warning:update' : 'warning:issue';
    const r = await this.d.hub.publish(scenario, type, warning, 'rules');
    if (!r.ok) {
      this.d.log.error(`rule warning for ${f.stationName} refused: ${r.error}`);
      return standing?.identifier;
    }
    void this.d.audit.done({
      time: r.event.time,
      subject: `rules:${f.rule}`,
      role: 'rules',
      command: type,
      scenario,
      target: warning.identifier,
      outcome: 'done',
      detail: `${warning.headline} (${warning.level}, ${warning.areas.reduce((n, a) => n + a.geocodes.length, 0)} villages)`,
      reason: null,
      before: standing ? { level: standing.level, identifier: standing.identifier } : null,
      after: { level: warning.level, identifier: warning.identifier },
      seq: r.event.seq,
    });
    return warning.identifier;
  }

  private async publish(
    scenario: ScenarioId,
    type: 'firing:open' | 'firing:clear',
    firing: Firing,
  ): Promise<void> {
    const r = await this.d.hub.publish(scenario, type, firing, 'rules');
    if (!r.ok) {
      this.d.log.error(`${type} ${firing.id} refused: ${r.error}`);
      return;
    }
    this.d.store.mark(scenario, firing);
    const what = `${firing.stationName} ${firing.ruleName}: ${firing.value} ${firing.unit} against ${firing.threshold} ${firing.unit}`;
    void this.d.audit.done({
      time: r.event.time,
      subject: `rules:${firing.rule}`,
      role: 'rules',
      command: type,
      scenario,
      target: firing.id,
      outcome: 'done',
      detail: `${what}${firing.villages.length > 0 ? `; ${firing.villages.length} villages threatened` : ''}`,
      reason: null,
      before: null,
      after: { status: firing.status, value: firing.value },
      seq: r.event.seq,
    });
  }
}
