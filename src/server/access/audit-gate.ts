import type { AuditRole, NewAuditEntry } from '../../shared/protocol/index.ts';
import type { EventStore } from '../feed/event-store.ts';
import type { Rejections } from '../metrics.ts';
import type { Noise } from '../security/noise.ts';
import { nameOf, type Principal } from './principal.ts';

/** Refusals of one accountable principal audited per minute; past that they are counted only. */
const REFUSALS_PER_MINUTE = 30;

/** How an accountable principal appears in the audit, or null for one that is not accountable. */
export function auditIdentity(p: Principal): { subject: string; role: AuditRole } | null {
  if (p.kind === 'operator') return { subject: p.subject, role: p.role };
  if (p.kind === 'key') return { subject: nameOf(p), role: 'api_key' };
  return null;
}

/**
 * What reaches the append-only audit log. Everything done is audited. A refusal is audited when
 * someone accountable made it — a signed-in operator or an API key, whose name is known — up to a
 * budget per minute each; anonymous attempts, walls and over-budget refusals are noise: counted
 * and summarised, never one row each, so no one can fill the audit table from outside.
 */
export class AuditGate {
  private readonly spent = new Map<string, { minute: number; n: number }>();

  constructor(
    private readonly store: Pick<EventStore, 'appendAudit'>,
    private readonly rejections: Rejections,
    private readonly noise: Noise,
    private readonly now: () => number = Date.now,
  ) {}

  done(entry: NewAuditEntry): Promise<void> {
    return this.store.appendAudit(entry).catch(() => this.rejections.count('audit', 'not written'));
  }

  /**
   * A refused attempt. `entry` makes the audit line (only called when it is written); `from` is
   * the address it came from, for the noise summary.
   */
  refused(
    p: Principal,
    channel: string,
    reason: string,
    from: string,
    entry: (who: { subject: string; role: AuditRole }) => NewAuditEntry,
  ): void {
    const who = auditIdentity(p);
    if (!who || !this.withinBudget(who.subject)) {
      this.noise.record(channel, reason, who ? `${from} ${who.subject}` : from);
      return;
    }
    this.rejections.count(channel, reason);
    void this.done(entry(who));
  }

  private withinBudget(subject: string): boolean {
    const minute = Math.floor(this.now() / 60_000);
    const s = this.spent.get(subject);
    if (!s || s.minute !== minute) {
      // One entry per subject that refused something this minute: bounded by accounts and keys.
      this.spent.set(subject, { minute, n: 1 });
      return true;
    }
    s.n++;
    return s.n <= REFUSALS_PER_MINUTE;
  }
}
