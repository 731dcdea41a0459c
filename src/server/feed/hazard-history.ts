import { reportTotals } from '../../shared/analysis/area-stats.ts';
import { HIDDEN_ID_PREFIX, hiddenHazardReader, rowOfId } from '../../shared/columnar/history.ts';
import { decodeTable, type Table } from '../../shared/columnar/table.ts';
import {
  emptyTally,
  isHazardOverdue,
  OPEN_HAZARD,
  type HazardStats,
  type HazardTally,
  type HiddenHazard,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { ScenarioData } from '../data/scenario-store.ts';
import type { LiveState } from './live-state.ts';

type Counts = Omit<HazardTally, 'open' | 'overdue'>;

/**
 * A scenario's hidden-hazard history (the column table) as the live state needs it: the open
 * ones to work on, any row by id, and the per-township counts the KPIs start from.
 */
export class HazardHistory {
  readonly open: HiddenHazard[] = [];
  /** Hidden hazards found per day over the history: the exercise reports at this rate. */
  readonly perDay: number = 0;
  private readonly reader: ReturnType<typeof hiddenHazardReader> | null;
  private readonly base = new Map<string, Counts>();

  constructor(scenario: Pick<ScenarioData, 'tables'>) {
    const hidden = tableOf(scenario.tables.get('hidden-hazards'));
    const reports = tableOf(scenario.tables.get('hazard-reports'));
    this.reader = hidden ? hiddenHazardReader(hidden) : null;
    const at = (code: string): Counts => {
      let c = this.base.get(code);
      if (!c) {
        c = { investigated: 0, rectified: 0, reports: 0, settled: 0 };
        this.base.set(code, c);
      }
      return c;
    };
    if (this.reader) {
      const first = this.reader.time[0] ?? 0;
      const last = this.reader.time[this.reader.rows - 1] ?? 0;
      this.perDay = last > first ? this.reader.rows / ((last - first) / 86_400) : 0;
      for (let i = 0; i < this.reader.rows; i++) {
        const h = this.reader.at(i);
        const c = at(h.townshipCode);
        c.investigated += 1;
        if (OPEN_HAZARD.has(h.status)) this.open.push(h);
        else c.rectified += 1;
      }
    }
    if (reports) {
      for (const [code, r] of reportTotals(reports)) {
        const c = at(code);
        c.reports += r.total;
        c.settled += r.settled;
      }
    }
  }

  /** The history's row of an id (HH0000001 …), if it is one. */
  readonly find = (id: string): HiddenHazard | undefined => {
    const row = rowOfId(HIDDEN_ID_PREFIX, id);
    return this.reader && row >= 0 && row < this.reader.rows ? this.reader.at(row) : undefined;
  };

  /** The KPIs per township now: the history's counts, what the feed changed, what is open. */
  stats(scenario: ScenarioId, live: LiveState, today: string): HazardStats {
    const byTownship: Record<string, HazardTally> = {};
    const at = (code: string): HazardTally => (byTownship[code] ??= emptyTally());
    for (const source of [this.base, live.hazardDelta]) {
      for (const [code, c] of source) {
        const t = at(code);
        t.investigated += c.investigated;
        t.rectified += c.rectified;
        t.reports += c.reports;
        t.settled += c.settled;
      }
    }
    for (const h of live.hazards.values()) {
      if (!OPEN_HAZARD.has(h.status)) continue;
      const t = at(h.townshipCode);
      t.open += 1;
      if (isHazardOverdue(h, today)) t.overdue += 1;
    }
    return { scenario, seq: live.seq, today, byTownship };
  }
}

function tableOf(bytes: Uint8Array | undefined): Table | null {
  if (!bytes) return null;
  return decodeTable(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
}
