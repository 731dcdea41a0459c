import type { FastifyBaseLogger } from 'fastify';
import { ROLE_TITLE_ZH, Roster, type Called } from '../../shared/callout/roster.ts';
import {
  calloutId,
  dueSteps,
  nextDue,
  type CalloutPolicy,
  type DueStep,
} from '../../shared/callout/rounds.ts';
import { affectedBy } from '../../shared/transfer/hazard-area.ts';
import { warningHazard } from '../../shared/transfer/hazard-scenarios.ts';
import {
  TIER_OF_ROLE,
  type AnswerBody,
  type AnswerChannel,
  type Callout,
  type CalloutSetup,
  type EntityOf,
  type ResponsiblePerson,
  type ScenarioId,
  type Warning,
  type WarningColour,
} from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { EntityCollection } from '../data/collection.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { Fence } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { LiveState } from '../feed/live-state.ts';
import type { Rejections } from '../metrics.ts';
import type { AnswerTokens } from './answer-token.ts';
import { CalloutAnswers, type AnswerResult } from './callout-answers.ts';
import { smsText, voiceText } from './callout-texts.ts';
import type { Messenger, SendResult } from './messenger.ts';

export interface CalloutOptions {
  policy: CalloutPolicy;
  /** Warning colours that start 叫应 (default orange and red). */
  levels: readonly WarningColour[];
  /** Whether rule firings at those levels start it too (for the villages they threaten). */
  onFirings: boolean;
}

/** Sends under way at once (a provider's HTTP API is called this many requests in parallel). */
const SENDING = 8;
/** Threads remembered (warning identifier → the identifier its 叫应 runs under). */
const THREADS_KEPT = 10_000;

interface Trigger {
  trigger: Callout['trigger'];
  headline: string;
  level: WarningColour;
  villages: readonly string[];
}

const collection = <C extends 'villages' | 'responsible-persons'>(data: ScenarioData, id: C) =>
  (data.collections.get(id) as EntityCollection<C> | undefined)?.entities ??
  ([] as readonly EntityOf<C>[]);

/**
 * 叫应: the gateway calls every responsible person of the areas a high-level warning covers, until
 * they answer. It works by reconciling, every few seconds, the warnings in force with the callouts
 * in the live state — so a restart, a new node taking the lease or a replayed log resumes exactly
 * where the log stands, and nobody is called twice for the same warning: a person with no callout
 * for a warning in force is called (`callout:open`); one unanswered past their time is called
 * again, and the first time the tier above is called about it (`callout:escalate`); past the last
 * round it lapses; when the warning ends its callouts close. Every step is an event and an audit
 * line; every round sends the SMS with the answer link and places the voice call.
 */
export class CalloutDesk {
  private timer: ReturnType<typeof setInterval> | null = null;
  private fence: Fence | undefined;
  private sweeping: Promise<void> | null = null;
  private readonly rosters = new WeakMap<ScenarioData, Roster>();
  private readonly covered = new WeakMap<ScenarioData, Map<string, readonly string[]>>();
  private readonly threads = new Map<string, string>();
  private readonly answers: CalloutAnswers;

  constructor(
    private readonly d: {
      scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
      hub: FeedHub;
      audit: AuditGate;
      messenger: Messenger;
      tokens: AnswerTokens;
      /** The base the links are made on (what the phones reach), e.g. https://onemap.example.gov.cn */
      publicUrl: () => string;
      rejections: Rejections;
      log: FastifyBaseLogger;
      exercise: boolean;
      options: CalloutOptions;
    },
  ) {
    this.answers = new CalloutAnswers(d);
  }

  get messenger(): Messenger {
    return this.d.messenger;
  }

  /** How calling is set up, for the board (which says when calls do not really go out). */
  setup(): CalloutSetup {
    return {
      provider: this.d.messenger.name,
      delivers: this.d.messenger.delivers,
      answerMinutes: this.d.options.policy.answerMs / 60_000,
      rounds: this.d.options.policy.rounds,
      levels: [...this.d.options.levels],
      onFirings: this.d.options.onFirings,
    };
  }

  /** Starts or stops the desk (on a scaled-out gateway, the lease holder runs it). */
  /**
   * Reconciles every `everyMs` while `on`. Scaled out, `fence` is the lease it runs under: its
   * log writes are refused once another node holds it.
   */
  run(on: boolean, everyMs = 2_000, fence?: Fence): void {
    this.fence = fence;
    if (on && !this.timer) {
      this.timer = setInterval(() => void this.sweep(), everyMs);
      this.timer.unref();
      void this.sweep();
    } else if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** One reconciliation of every jurisdiction; a sweep still running is waited for, not doubled. */
  sweep(now = Date.now()): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      try {
        for (const [id, data] of this.d.scenarios) {
          const live = this.d.hub.live.get(id);
          if (live) await this.sweepOne(id, data, live, now);
        }
      } catch (e) {
        this.d.log.error(e, '叫应 sweep');
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  private roster(data: ScenarioData): Roster {
    let r = this.rosters.get(data);
    if (!r) this.rosters.set(data, (r = new Roster(collection(data, 'responsible-persons'))));
    return r;
  }

  private async sweepOne(
    scenario: ScenarioId,
    data: ScenarioData,
    live: LiveState,
    now: number,
  ): Promise<void> {
    const roster = this.roster(data);
    const triggers = this.triggers(scenario, data, live);
    const callouts = [...live.callouts.values()];
    const sends: (() => Promise<void>)[] = [];
    for (const c of callouts)
      if (!triggers.has(c.ref))
        await this.step(scenario, 'callout:close', { id: c.id, at: iso(now) }, c);
    if (roster.size === 0) return;
    const have = new Set(callouts.map((c) => `${c.ref}|${c.person}`));
    for (const [ref, t] of triggers)
      for (const called of roster.firstCalled(t.villages)) {
        if (have.has(`${ref}|${called.person.id}`)) continue;
        have.add(`${ref}|${called.person.id}`);
        const c = this.newCallout(ref, t, called, reasonFirst(t, called), now);
        if (await this.step(scenario, 'callout:open', c, c))
          sends.push(() => this.send(scenario, c, 1));
      }
    for (const due of dueSteps(live.callouts.values(), now, this.d.options.policy))
      await this.due(scenario, roster, triggers, due, have, now, sends);
    await pool(sends, SENDING);
  }

  private async due(
    scenario: ScenarioId,
    roster: Roster,
    triggers: ReadonlyMap<string, Trigger>,
    due: DueStep,
    have: Set<string>,
    now: number,
    sends: (() => Promise<void>)[],
  ): Promise<void> {
    const c = due.callout;
    if (due.kind === 'lapse') {
      await this.step(scenario, 'callout:lapse', { id: c.id, at: iso(now) }, c);
      return;
    }
    const escalatedTo: string[] = [];
    const t = triggers.get(c.ref);
    const person = roster.person(c.person);
    if (due.escalate && t && person)
      for (const up of roster.above(person)) {
        const id = calloutId(c.ref, up.id);
        escalatedTo.push(id);
        if (have.has(`${c.ref}|${up.id}`)) continue;
        have.add(`${c.ref}|${up.id}`);
        const reason = `${c.areaName}${ROLE_TITLE_ZH[c.role]}${c.name}未应答，请督促落实。`;
        const opened = this.newCallout(c.ref, t, { person: up, villages: c.villages }, reason, now);
        if (await this.step(scenario, 'callout:open', opened, opened))
          sends.push(() => this.send(scenario, opened, 1));
      }
    const type = escalatedTo.length > 0 ? 'callout:escalate' : 'callout:retry';
    const round = {
      id: c.id,
      at: iso(now),
      attempt: due.attempt,
      dueAt: nextDue(now, this.d.options.policy),
      escalatedTo,
    };
    if (await this.step(scenario, type, round, c))
      sends.push(() => this.send(scenario, c, due.attempt));
  }

  /** The warnings (and, by configuration, firings) that call, by the ref their callouts run under. */
  private triggers(
    scenario: ScenarioId,
    data: ScenarioData,
    live: LiveState,
  ): Map<string, Trigger> {
    const out = new Map<string, Trigger>();
    const refs = new Set([...live.callouts.values()].map((c) => c.ref));
    for (const w of live.warnings.values()) {
      if (!this.d.options.levels.includes(w.level)) continue;
      const ref = this.threadOf(scenario, w, refs);
      out.set(ref, {
        trigger: 'warning',
        headline: w.headline || w.event,
        level: w.level,
        villages: this.villagesOf(data, w),
      });
    }
    if (this.d.options.onFirings)
      for (const f of live.firings.values()) {
        if (
          f.level === 'info' ||
          !this.d.options.levels.includes(f.level) ||
          f.villages.length === 0
        )
          continue;
        out.set(`firing:${f.id}`, {
          trigger: 'firing',
          headline: `${f.stationName}${f.ruleName}`,
          level: f.level,
          villages: f.villages,
        });
      }
    return out;
  }

  /**
   * The identifier a warning's 叫应 runs under: its own, or — for a CAP Update — that of the warning
   * it updates, so an upgrade or a wider area calls only those not yet called.
   */
  private threadOf(scenario: ScenarioId, w: Warning, refs: ReadonlySet<string>): string {
    const key = `${scenario}|${w.identifier}`;
    const known = this.threads.get(key);
    if (known) return known;
    let thread = w.identifier;
    for (const r of w.references) {
      const id = r.split(',')[1] ?? '';
      const t = this.threads.get(`${scenario}|${id}`) ?? (refs.has(id) ? id : undefined);
      if (t) {
        thread = t;
        break;
      }
    }
    if (this.threads.size >= THREADS_KEPT)
      this.threads.delete(this.threads.keys().next().value ?? '');
    this.threads.set(key, thread);
    return thread;
  }

  /** The villages a warning covers (by code for the rules' warnings, else by outline), once each. */
  private villagesOf(data: ScenarioData, w: Warning): readonly string[] {
    let byWarning = this.covered.get(data);
    if (!byWarning) this.covered.set(data, (byWarning = new Map<string, readonly string[]>()));
    let v = byWarning.get(w.identifier);
    if (!v) {
      v = affectedBy(warningHazard(w), collection(data, 'villages'), [], []).villages.map(
        (a) => a.code,
      );
      if (byWarning.size >= THREADS_KEPT) byWarning.delete(byWarning.keys().next().value ?? '');
      byWarning.set(w.identifier, v);
    }
    return v;
  }

  private newCallout(
    ref: string,
    t: Trigger,
    called: Called,
    reason: string,
    now: number,
  ): Callout {
    const p = called.person;
    return {
      id: calloutId(ref, p.id),
      trigger: t.trigger,
      ref,
      headline: t.headline.slice(0, 300),
      level: t.level,
      person: p.id,
      name: p.name,
      phone: p.phone,
      role: p.role,
      tier: TIER_OF_ROLE[p.role],
      areaCode: p.areaCode,
      areaName: p.areaName,
      countyCode: p.countyCode,
      ...(p.townshipCode ? { townshipCode: p.townshipCode } : {}),
      position: p.position,
      villages: called.villages,
      reason: reason.slice(0, 300),
      status: 'calling',
      attempts: 1,
      openedAt: iso(now),
      lastCallAt: iso(now),
      dueAt: nextDue(now, this.d.options.policy),
      escalatedTo: [],
    };
  }

  /** Publishes one step and audits it; false when the log refused it (logged). */
  private async step(
    scenario: ScenarioId,
    type: 'callout:open' | 'callout:retry' | 'callout:escalate' | 'callout:lapse' | 'callout:close',
    payload: unknown,
    c: Callout,
  ): Promise<boolean> {
    const r = await this.d.hub.publish(scenario, type, payload, 'callout', { fence: this.fence });
    if (!r.ok) {
      this.d.log.error(`${type} ${c.id} refused: ${r.error}`);
      return false;
    }
    void this.d.audit.done({
      time: r.event.time,
      subject: `callout:${c.ref}`.slice(0, 200),
      role: 'callout',
      command: type,
      scenario,
      target: c.id,
      outcome: 'done',
      detail: `${c.areaName} ${ROLE_TITLE_ZH[c.role]} ${c.name}: ${c.headline}`.slice(0, 500),
      reason: null,
      before: null,
      after: type === 'callout:open' ? { status: 'calling', attempts: 1 } : { type },
      seq: r.event.seq,
    });
    return true;
  }

  /** One round's SMS and voice call; a failed send is audited and counted, the round stands. */
  private async send(scenario: ScenarioId, c: Callout, attempt: number): Promise<void> {
    const token = this.d.tokens.sign(scenario, c.id);
    const link = `${this.d.publicUrl().replace(/\/$/, '')}/a/${token}`;
    const m = {
      scenario,
      callout: c,
      attempt,
      token,
      link,
      sms: smsText(c, link, attempt, this.d.exercise),
      voice: voiceText(c, this.d.exercise),
    };
    const results: [string, SendResult][] = [
      ['sms', await this.d.messenger.sms(m)],
      ['voice', await this.d.messenger.voice(m)],
    ];
    for (const [kind, r] of results) {
      if (r.ok) continue;
      this.d.rejections.count('callout', `${kind} send failed`);
      void this.d.audit.done({
        time: new Date().toISOString(),
        subject: `callout:${c.ref}`.slice(0, 200),
        role: 'callout',
        command: `callout:${kind}`,
        scenario,
        target: c.id,
        outcome: 'refused',
        detail: `${this.d.messenger.name} ${kind} to ${c.name} failed: ${r.error}`.slice(0, 500),
        reason: null,
        before: null,
        after: null,
        seq: null,
      });
    }
  }

  /** What the link's page shows its holder, or why it shows nothing. */
  view(token: string): AnswerResult {
    return this.answers.view(token);
  }

  /** A person's answer, through their link or a key press (see `CalloutAnswers.answer`). */
  answer(token: string, body: AnswerBody, channel: AnswerChannel): Promise<AnswerResult> {
    return this.answers.answer(token, body, channel);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function reasonFirst(t: Trigger, called: Called): string {
  const p: ResponsiblePerson = called.person;
  return called.villages > 1 || TIER_OF_ROLE[p.role] !== 'village'
    ? `涉及${p.areaName}${called.villages}个村（社区）。`
    : `涉及${p.areaName}。`;
}

/** Runs `jobs` with at most `n` at a time. */
async function pool(jobs: readonly (() => Promise<void>)[], n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]?.();
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
}
