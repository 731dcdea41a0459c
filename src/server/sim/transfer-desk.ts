import type {
  Shelter,
  TransferPlan,
  TransferProgress,
  TransferStatus,
} from '../../shared/protocol/index.ts';
import type { Rng } from '../../shared/random.ts';

const MIN = 60_000;

interface VillageRun {
  village: string;
  people: number;
  /** Longest drive of its assignments. */
  driveMs: number;
  status: TransferStatus;
  dueAt: number;
}

/**
 * The exercise carries a published plan out: each village is notified within 5–20 simulated
 * minutes, leaves 10–30 minutes later, arrives after its longest drive, and is registered in its
 * shelters 10 minutes after that (shelter occupancy rises by the people sent there). A new
 * version starts over from where the villages are.
 */
export class TransferDesk {
  private planId: string | null = null;
  private runs: VillageRun[] = [];

  constructor(private readonly rng: Rng) {}

  async advance(
    simMs: number,
    plan: TransferPlan | null,
    progress: ReadonlyMap<string, TransferProgress>,
    shelters: ReadonlyMap<string, Shelter>,
    emit: (type: 'plan:progress' | 'shelter:update', payload: unknown) => Promise<void>,
  ): Promise<void> {
    if (!plan) return;
    if (plan.id !== this.planId) this.start(plan, simMs, progress);
    for (const run of this.runs) {
      if (run.status === 'sheltered' || run.dueAt > simMs) continue;
      const next = NEXT[run.status];
      run.status = next;
      run.dueAt =
        simMs +
        (next === 'notified'
          ? this.rng.int(10, 30) * MIN
          : next === 'moving'
            ? run.driveMs
            : next === 'arrived'
              ? 10 * MIN
              : Infinity);
      const moved = next === 'arrived' || next === 'sheltered' ? run.people : 0;
      await emit('plan:progress', {
        planId: plan.id,
        village: run.village,
        status: next,
        moved,
        at: new Date().toISOString(),
      });
      if (next !== 'sheltered') continue;
      for (const a of plan.assignments) {
        if (a.village !== run.village) continue;
        const s = shelters.get(a.shelter);
        if (!s) continue;
        const occupancy = Math.min(s.capacityNight, s.occupancy + a.people);
        await emit('shelter:update', {
          id: s.id,
          occupancy,
          status: occupancy >= s.capacityNight ? 'full' : 'open',
        });
      }
    }
  }

  private start(
    plan: TransferPlan,
    simMs: number,
    progress: ReadonlyMap<string, TransferProgress>,
  ): void {
    this.planId = plan.id;
    const byVillage = new Map<string, { people: number; driveMs: number }>();
    for (const a of plan.assignments) {
      const v = byVillage.get(a.village) ?? { people: 0, driveMs: 0 };
      v.people += a.people;
      v.driveMs = Math.max(v.driveMs, a.seconds * 1000);
      byVillage.set(a.village, v);
    }
    this.runs = [...byVillage].map(([village, v]) => ({
      village,
      ...v,
      status: progress.get(village)?.status ?? 'planned',
      dueAt: simMs + this.rng.int(5, 20) * MIN,
    }));
  }
}

const NEXT: Record<TransferStatus, TransferStatus> = {
  planned: 'notified',
  notified: 'moving',
  moving: 'arrived',
  arrived: 'sheltered',
  sheltered: 'sheltered',
};
