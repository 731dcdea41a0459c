import { useTranslation } from 'react-i18next';
import {
  TRANSFER_SCHEDULE_MIN,
  type TransferPlan,
  type TransferProgress,
  type ScenarioId,
  type TransferStatus,
} from '../../../shared/protocol/index.ts';
import { readableCst } from '../../../shared/time.ts';
import { useCollection } from '../../data/collections.ts';
import { useReplayState } from '../../state/replay-store.ts';
import { useClock } from '../../state/use-today.ts';
import { usePlanInForce } from '../../data/live-values.ts';
import { useVillageTallies } from '../../data/register-tallies.ts';
import { countedByName, transferByName } from '../../../shared/people/accounting.ts';
import { useSession } from '../../api/session.ts';

export interface VillageProgress {
  village: string;
  township: string;
  people: number;
  moved: number;
  status: TransferStatus;
  /** Past the time its people should have reached a shelter. */
  late: boolean;
}

/** Each village of the plan with its status, and whether it is behind schedule at `now`. */
export function villageProgress(
  plan: TransferPlan,
  progress: readonly TransferProgress[],
  now: number,
): VillageProgress[] {
  const by = new Map(progress.map((p) => [p.village, p]));
  const villages = new Map<string, { people: number; driveS: number }>();
  for (const a of plan.assignments) {
    const v = villages.get(a.village) ?? { people: 0, driveS: 0 };
    v.people += a.people;
    v.driveS = Math.max(v.driveS, a.seconds);
    villages.set(a.village, v);
  }
  const { notify, depart, margin } = TRANSFER_SCHEDULE_MIN;
  return [...villages].map(([village, v]) => {
    const p = by.get(village);
    const status = p?.status ?? 'planned';
    const due = Date.parse(plan.publishedAt) + ((notify + depart + margin) * 60 + v.driveS) * 1000;
    return {
      village,
      township: village.slice(0, 9),
      people: v.people,
      moved: p?.moved ?? 0,
      status,
      late: status !== 'arrived' && status !== 'sheltered' && now > due,
    };
  });
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.floor((a / b) * 100)}%`);

/** 应转尽转: the published plan's headline, per township, and the villages behind schedule. */
export function PlanProgress({ scenario }: { scenario: ScenarioId }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  const q = usePlanInForce(scenario);
  const villages = useCollection(scenario, 'villages').data?.byKey;
  const townships = useCollection(scenario, 'townships').data?.byKey;
  const clock = useClock(true, 15_000);
  // Behind schedule as of the moment shown: the replayed one during a replay.
  const replay = useReplayState();
  const now = replay.active ? replay.at : clock;
  // Signed in, the villages with registers count by name (who is at a shelter or with
  // relatives), the rest by their reported progress; the live roll, so not during a replay.
  const byName = useSession() !== null && !replay.active;
  const tallies = useVillageTallies(scenario, byName) ?? new Map();
  const plan = q.data?.plan;
  if (!plan) return null;
  const reported = villageProgress(plan, q.data?.progress ?? [], now);
  const rows = countedByName(reported, tallies);
  const { moved, total, unaccounted } = transferByName(reported, tallies);
  const byTownship = new Map<string, { people: number; moved: number }>();
  for (const r of rows) {
    const x = byTownship.get(r.township) ?? { people: 0, moved: 0 };
    x.people += r.people;
    x.moved += r.moved;
    byTownship.set(r.township, x);
  }
  const late = rows.filter((r) => r.late);
  return (
    <section className="plan-progress" data-testid="plan-progress-view">
      <h3>
        {t('transfer.current', { version: plan.version, hazard: plan.hazardName })}
        <small>
          {t('transfer.publishedBy', { who: plan.publishedBy, at: readableCst(plan.publishedAt) })}
        </small>
      </h3>
      <p className="headline" data-kpi="transferred">
        {t('transfer.headline', { moved: n.format(moved), total: n.format(total) })}
        <strong>{pct(moved, total)}</strong>
      </p>
      {unaccounted !== null && (
        <p className="by-name" data-kpi="unaccounted">
          {t('transfer.byName', { n: n.format(unaccounted) })}
        </p>
      )}
      <progress value={moved} max={Math.max(1, total)} />
      <table className="townships">
        <tbody>
          {[...byTownship].map(([code, x]) => (
            <tr key={code}>
              <td>{townships?.get(code)?.name ?? code}</td>
              <td>
                {n.format(x.moved)} / {n.format(x.people)}
              </td>
              <td>{pct(x.moved, x.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {late.length > 0 && (
        <p role="alert" className="late">
          {t('transfer.behind', {
            names: late.map((r) => villages?.get(r.village)?.name ?? r.village).join('、'),
          })}
        </p>
      )}
      <ul className="statuses">
        {rows.map((r) => (
          <li key={r.village} className={r.late ? 'late' : undefined} data-status={r.status}>
            {villages?.get(r.village)?.name ?? r.village} · {t(`transfer.status.${r.status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
