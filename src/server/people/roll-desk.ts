import { randomUUID } from 'node:crypto';
import { checkinOf, checkinsOf } from '../../shared/people/roll.ts';
import { codeInScan } from '../../shared/people/safe-code.ts';
import { CheckinKind } from '../../shared/protocol/index.ts';
import type {
  CheckIn,
  CheckinLink,
  CheckinView,
  Scan,
  ScanOutcome,
  ScenarioId,
} from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import { areaName, type ScenarioData } from '../data/scenario-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';
import type { LinkTokens } from '../security/link-tokens.ts';

/** A phone may hold scans for two days without network (三断) before they stop being believed. */
const MAX_AGE_MS = 48 * 3_600_000;
/** A phone's clock may run this far ahead. */
const MAX_AHEAD_MS = 5 * 60_000;

type Door = { scenario: ScenarioId; kind: CheckinKind; place: string; placeName: string };

export type DoorResult<T> = { ok: true; value: T } | { ok: false; status: 404; error: string };

/**
 * 点名 at the doors: a check-in link names one shelter's door (or one village's 投亲靠友 desk) and
 * is the only credential its phone needs. Scans become `checkin:arrive` events — one per person,
 * the first standing; a scan sent again (its answer lost to a dropped network) is answered as it
 * was the first time, so a phone's queue empties exactly once.
 */
export class RollDesk {
  /** One batch at a time per jurisdiction, so two doors scanning one person agree who was first. */
  private readonly queue = new Map<ScenarioId, Promise<unknown>>();

  constructor(
    private readonly d: {
      scenarios: ReadonlyMap<ScenarioId, ScenarioData>;
      hub: FeedHub;
      audit: AuditGate;
      tokens: LinkTokens;
      rejections: Rejections;
      publicUrl: () => string;
      exercise: boolean;
    },
  ) {}

  /** A link for a shelter's door or a village's 投亲靠友; null when no such place. */
  link(scenario: ScenarioId, kind: CheckinKind, place: string): CheckinLink | null {
    const placeName = this.placeName(scenario, kind, place);
    if (!placeName) return null;
    const token = this.d.tokens.sign(scenario, kind, place);
    return { token, url: `${this.d.publicUrl()}/checkin/${token}`, placeName };
  }

  view(token: string): DoorResult<CheckinView> {
    const door = this.door(token);
    if (!door.ok) return door;
    const { scenario, kind, place, placeName } = door.value;
    const live = this.d.hub.live.get(scenario);
    const count = live ? checkinsOf(live.roll).filter((c) => c.place === place).length : 0;
    return {
      ok: true,
      value: { scenario, kind, place, placeName, count, exercise: this.d.exercise },
    };
  }

  /** Records a phone's queued scans; answers each. */
  scan(token: string, scans: readonly Scan[]): Promise<DoorResult<ScanOutcome[]>> {
    const door = this.door(token);
    if (!door.ok) return Promise.resolve(door);
    const { scenario } = door.value;
    const run = (this.queue.get(scenario) ?? Promise.resolve()).then(() =>
      this.record(door.value, scans),
    );
    const settled = run.catch(() => undefined);
    this.queue.set(scenario, settled);
    void settled.then(() => {
      if (this.queue.get(scenario) === settled) this.queue.delete(scenario);
    });
    return run.then((value) => ({ ok: true, value }));
  }

  private async record(door: Door, scans: readonly Scan[]): Promise<ScanOutcome[]> {
    const { scenario } = door;
    const register = this.d.scenarios.get(scenario)?.register ?? null;
    const live = this.d.hub.live.get(scenario);
    const roll = live?.roll;
    const now = Date.now();
    const results: ScanOutcome[] = [];
    const fresh: CheckIn[] = [];
    const inBatch = new Map<string, CheckIn>();
    for (const s of scans) {
      const person = register?.byCode(codeInScan(s.text)) ?? null;
      if (!person) {
        this.d.rejections.count('checkin', 'unknown safe code');
        results.push({ id: s.id, outcome: 'unknown' });
        continue;
      }
      const about = {
        name: person.name,
        villageName: this.villageName(scenario, person.village),
        vulnerable: person.vulnerable,
      };
      const before = (roll ? checkinOf(roll, person.code) : undefined) ?? inBatch.get(person.code);
      if (before) {
        // This very scan sent again is answered as the first time; another scan of them is not.
        results.push({
          id: s.id,
          outcome: before.scan === s.id ? 'arrived' : 'already',
          ...about,
          placeName: before.placeName,
          at: before.at,
        });
        continue;
      }
      const t = Date.parse(s.at);
      const at =
        t > now - MAX_AGE_MS && t < now + MAX_AHEAD_MS ? s.at : new Date(now).toISOString();
      const c: CheckIn = {
        code: person.code,
        village: person.village,
        kind: door.kind,
        place: door.place,
        placeName: door.placeName,
        at,
        scan: s.id,
        by: door.placeName,
      };
      inBatch.set(person.code, c);
      fresh.push(c);
      results.push({ id: s.id, outcome: 'arrived', ...about, placeName: door.placeName, at });
    }
    if (fresh.length > 0) {
      // People registered at a shelter's door are in it: its occupancy rises with them (past its
      // night capacity too — that is news the board must show, not a number to cap).
      const shelter = door.kind === 'shelter' ? live?.shelters.get(door.place) : undefined;
      const occupancy = shelter ? shelter.occupancy + fresh.length : 0;
      const r = await this.d.hub.publishAll(
        scenario,
        [
          ...fresh.map((payload) => ({ type: 'checkin:arrive', payload })),
          ...(shelter
            ? [
                {
                  type: 'shelter:update',
                  payload: {
                    id: shelter.id,
                    occupancy,
                    status:
                      shelter.status === 'closed'
                        ? 'closed'
                        : occupancy >= shelter.capacityNight
                          ? 'full'
                          : 'open',
                  },
                },
              ]
            : []),
        ],
        { key: `checkin:${randomUUID()}` },
        'checkin',
      );
      if (!r.ok) throw new Error(`checkin:arrive refused: ${r.error}`);
    }
    const arrived = results.filter((r) => r.outcome === 'arrived').length;
    void this.d.audit.done({
      time: new Date().toISOString(),
      subject: `checkin:${door.kind}:${door.place}`.slice(0, 200),
      role: 'checkin',
      command: 'checkin:arrive',
      scenario,
      target: door.place,
      outcome: 'done',
      detail:
        `${door.placeName}: ${fresh.length} new, ${arrived - fresh.length} resent, ` +
        `${results.filter((r) => r.outcome === 'already').length} already, ` +
        `${results.filter((r) => r.outcome === 'unknown').length} unknown`,
      reason: null,
      before: null,
      after: { codes: fresh.map((c) => c.code) },
      seq: this.d.hub.latestSeq(),
    });
    return results;
  }

  private door(token: string): DoorResult<Door> {
    const [scenario, rawKind, place] = this.d.tokens.read(token, 3) ?? [];
    const kind = CheckinKind.safeParse(rawKind).data;
    const placeName = scenario && kind && place ? this.placeName(scenario, kind, place) : null;
    if (!scenario || !kind || !place || !placeName) {
      this.d.rejections.count('checkin', 'bad check-in link');
      return { ok: false, status: 404, error: 'this check-in link is not valid (签到链接无效)' };
    }
    return { ok: true, value: { scenario, kind, place, placeName } };
  }

  private placeName(scenario: string, kind: CheckinKind, place: string): string | null {
    const data = this.d.scenarios.get(scenario);
    if (!data) return null;
    if (kind === 'shelter') {
      const s = this.d.hub.live.get(scenario)?.shelters.get(place);
      return s ? s.name : null;
    }
    const village = place.length === 12 ? areaName(data, place) : null;
    return village ? `${village}（投亲靠友）` : null;
  }

  private villageName(scenario: string, code: string): string {
    const data = this.d.scenarios.get(scenario);
    return (data && areaName(data, code)) ?? code;
  }
}
