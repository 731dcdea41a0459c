import {
  type GridMember,
  type HiddenHazard,
  type ReportCategory,
} from '../../shared/protocol/index.ts';
import type { Rng } from '../../shared/random.ts';
import { dateCst } from '../../shared/time.ts';
import type { Telemetry } from '../feed/telemetry.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What grid members find on patrol, roughly as the history's categories run. */
const FINDINGS: readonly { category: ReportCategory; weight: number; notes: readonly string[] }[] =
  [
    {
      category: 'safety_production',
      weight: 0.8,
      notes: ['小作坊消防通道堵塞', '燃气管道老化', '临时用电私拉乱接', '危化品存放不规范'],
    },
    { category: 'fire', weight: 0.15, notes: ['楼道堆放杂物', '电动车楼道充电', '灭火器过期'] },
    { category: 'flood', weight: 0.05, notes: ['排水口堵塞', '河道护坡裂缝', '地下通道积水隐患'] },
  ];

/** Mean simulated time from each status to the next. */
const MEAN_WAIT: Partial<Record<HiddenHazard['status'], number>> = {
  reported: 3 * HOUR,
  verified: 8 * HOUR,
  rectification_assigned: 10 * DAY,
  rectified: DAY,
};

/**
 * Grid members' hidden-hazard reports in the exercise: they arrive at the history's daily rate
 * from online members where they stand, and each moves reported → verified → rectification
 * assigned (with a deadline) → rectified → closed over days; about one in twelve runs past its
 * deadline, so the overdue list is never empty for long. A duty officer may move them by
 * command at any time; the desk carries on from wherever an item stands.
 */
export class HazardDesk {
  private nextReportAt: number;
  /** Simulated ms at which each hazard the desk works on takes its next step. */
  private readonly due = new Map<string, number>();
  private serial = 0;

  constructor(
    private readonly rng: Rng,
    private readonly members: readonly GridMember[],
    private readonly telemetry: Telemetry | undefined,
    private readonly perDay: number,
  ) {
    this.nextReportAt = perDay > 0 ? rng.exponential(DAY / perDay) : Infinity;
  }

  /** Moves the desk to `simMs`, publishing what happened through `emit`. */
  async advance(
    simMs: number,
    hazards: ReadonlyMap<string, HiddenHazard>,
    emit: (type: 'hazard:report' | 'hazard:update', h: HiddenHazard) => Promise<void>,
  ): Promise<void> {
    while (this.nextReportAt <= simMs) {
      const h = this.report();
      if (h) {
        await emit('hazard:report', h);
        this.schedule(h, this.nextReportAt);
      }
      this.nextReportAt += this.rng.exponential(DAY / this.perDay);
    }
    for (const h of hazards.values()) {
      // After a restart: carry on with the exercise's own reports still in the log.
      if (h.reportedBy !== undefined && !this.due.has(h.id)) this.schedule(h, simMs);
    }
    for (const [id, at] of [...this.due]) {
      if (at > simMs) continue;
      const h = hazards.get(id);
      this.due.delete(id);
      if (!h) continue;
      const next = this.step(h);
      await emit('hazard:update', next);
      this.schedule(next, at);
    }
  }

  private schedule(h: HiddenHazard, from: number): void {
    const mean = MEAN_WAIT[h.status];
    if (mean === undefined) return;
    let wait = this.rng.exponential(mean);
    if (h.status === 'rectification_assigned') {
      // Most are rectified before the deadline; some overrun it.
      const left = Math.max(HOUR, Date.parse(`${h.deadline}T23:59:59+08:00`) - Date.now());
      wait = this.rng.chance(1 / 12) ? left + this.rng.exponential(5 * DAY) : Math.min(wait, left);
    }
    this.due.set(h.id, from + wait);
  }

  private step(h: HiddenHazard): HiddenHazard {
    const now = Date.now();
    switch (h.status) {
      case 'reported':
        return { ...h, status: 'verified' };
      case 'verified': {
        const days = h.level === 'major' ? this.rng.int(30, 90) : this.rng.int(7, 30);
        return { ...h, status: 'rectification_assigned', deadline: dateCst(now + days * DAY) };
      }
      case 'rectification_assigned':
        return { ...h, status: 'rectified', rectifiedAt: new Date(now).toISOString() };
      default:
        return { ...h, status: 'closed' };
    }
  }

  private report(): HiddenHazard | null {
    const t = this.telemetry;
    if (!t || this.members.length === 0) return null;
    // An online member, where they are now.
    for (let tries = 0; tries < 20; tries++) {
      const i = this.rng.int(0, this.members.length - 1);
      const m = this.members[i];
      if (!m || t.online[i] !== 1) continue;
      const finding = FINDINGS[this.rng.weightedIndex(FINDINGS.map((f) => f.weight))];
      if (!finding) return null;
      const now = Date.now();
      const major = this.rng.chance(0.002);
      return {
        id: `GR-${now.toString(36)}-${(this.serial++).toString(36)}`,
        category: finding.category,
        level: major ? 'major' : 'general',
        status: 'reported',
        reportedAt: new Date(now).toISOString(),
        // Provisional until rectification is assigned with its own deadline.
        deadline: dateCst(now + (major ? 90 : 30) * DAY),
        rectifiedAt: null,
        countyCode: m.countyCode,
        townshipCode: m.townshipCode,
        position: [
          Math.round((t.positions[i * 2] ?? m.position[0]) * 1e6) / 1e6,
          Math.round((t.positions[i * 2 + 1] ?? m.position[1]) * 1e6) / 1e6,
        ],
        reportedBy: m.id,
        note: this.rng.pick(finding.notes),
        exercise: true,
      };
    }
    return null;
  }
}
