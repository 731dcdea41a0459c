import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  townshipTallies,
  villageTallies,
  villagesInPlay,
  type Tally,
} from '../../../shared/people/accounting.ts';
import { NO_ROLL } from '../../../shared/people/roll.ts';
import type { LonLat, ScenarioId } from '../../../shared/protocol/index.ts';
import { fetchUnaccountedCsv } from '../../api/roll-reads.ts';
import { registerQuery } from '../../data/register-tallies.ts';
import { useSession } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';
import { rollQuery, usePlanInForce } from '../../data/live-values.ts';
import { useReplaying } from '../../state/replay-store.ts';
import { download } from '../../ui/download.ts';
import { CheckinLinks } from './checkin-links.tsx';
import { UnaccountedList } from './unaccounted-list.tsx';
import './roll.css';

const share = (t: Tally) =>
  t.registered === 0
    ? '—'
    : `${Math.floor(((t.registered - t.unaccounted) / t.registered) * 100)}%`;

/**
 * 应转尽转 by name: of the people on the registers of the villages being moved, how many are at
 * shelters, with relatives, and not yet accounted for — per township, per village, and by name
 * (the vulnerable first, with whom to call). For signed-in readers only: it shows people.
 */
export function RollBoard({
  scenario,
  onSelect,
}: {
  scenario: ScenarioId;
  onSelect: (position: LonLat) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  const session = useSession();
  const replaying = useReplaying();
  const enabled = session !== null && !replaying;
  const register = useQuery({ ...registerQuery(scenario), enabled });
  const roll = useQuery({ ...rollQuery(scenario), enabled });
  const plan = usePlanInForce(scenario, enabled);
  const townships = useCollection(scenario, 'townships').data?.byKey;
  const villages = useCollection(scenario, 'villages').data?.byKey;
  const [open, setOpen] = useState<string | null>(null);
  const [village, setVillage] = useState<string | null>(null);

  const planVillages = useMemo(
    () => new Set(plan.data?.plan?.assignments.map((a) => a.village) ?? []),
    [plan.data?.plan],
  );
  const state = roll.data ?? NO_ROLL;
  const figures = useMemo(() => {
    const inPlay = villagesInPlay(register.data?.villages ?? [], planVillages, state);
    const byVillage = villageTallies(inPlay, state);
    return { inPlay, byVillage, ...townshipTallies(byVillage) };
  }, [register.data, planVillages, state]);
  if (!enabled || figures.inPlay.length === 0) return null;
  const registered = new Set(register.data?.villages.map((v) => v.village));
  const unregistered = [...planVillages].filter((v) => !registered.has(v)).length;
  const { total } = figures;
  const rows = [...figures.townships].sort((a, b) => b[1].unaccounted - a[1].unaccounted);
  const exportCsv = async (township?: string) => {
    const blob = await fetchUnaccountedCsv(scenario, township);
    download(blob, `${scenario}-${township ?? 'all'}-未落实.csv`);
  };
  return (
    <section
      className="side-board roll-board"
      data-testid="roll-board"
      aria-label={t('roll.title')}
    >
      <h2>
        {t('roll.title')}
        {register.data?.synthetic && (
          <small className="roll-synthetic"> {t('roll.synthetic')}</small>
        )}
      </h2>
      <dl className="roll-kpis">
        {(['registered', 'sheltered', 'relatives', 'unaccounted'] as const).map((k) => (
          <div key={k} data-kpi={k} className={`roll-kpi roll-${k}`}>
            <dt>{t(`roll.${k}`)}</dt>
            <dd>{n.format(total[k])}</dd>
          </div>
        ))}
      </dl>
      <p className="roll-share">
        {t('roll.share', { share: share(total) })}
        {unregistered > 0 && <span> · {t('roll.noRegister', { n: unregistered })}</span>}
        <button type="button" className="roll-export" onClick={() => void exportCsv()}>
          {t('roll.exportAll')}
        </button>
      </p>
      <progress value={total.registered - total.unaccounted} max={Math.max(1, total.registered)} />
      <p className="roll-columns" aria-hidden="true">
        <span>{t('roll.township')}</span>
        <span>
          {t('roll.unaccounted')} / {t('roll.registered')}
        </span>
        <span>%</span>
      </p>
      <ol className="roll-townships">
        {rows.map(([code, x]) => (
          <li key={code} data-unaccounted={x.unaccounted}>
            <button
              type="button"
              className="row"
              aria-expanded={open === code}
              onClick={() => {
                setOpen(open === code ? null : code);
                setVillage(null);
                const seat = townships?.get(code)?.seat;
                if (seat) onSelect(seat);
              }}
            >
              <span className="area">{townships?.get(code)?.name ?? code}</span>
              <span className="figures" title={t('roll.unaccounted')}>
                {n.format(x.unaccounted)} / {n.format(x.registered)}
              </span>
              <span className="pct">{share(x)}</span>
            </button>
            {open === code && (
              <div className="roll-township">
                <button type="button" className="roll-export" onClick={() => void exportCsv(code)}>
                  {t('roll.export')}
                </button>
                <ol className="roll-villages">
                  {[...figures.byVillage]
                    .filter(([v]) => v.startsWith(code))
                    .sort((a, b) => b[1].unaccounted - a[1].unaccounted)
                    .map(([v, vx]) => (
                      <li key={v} data-village={v}>
                        <button
                          type="button"
                          className="row"
                          aria-expanded={village === v}
                          onClick={() => {
                            setVillage(village === v ? null : v);
                            const seat = villages?.get(v)?.seat;
                            if (seat) onSelect(seat);
                          }}
                        >
                          <span className="area">{villages?.get(v)?.name ?? v}</span>
                          <span className="figures">
                            {vx.unaccounted === 0
                              ? t('roll.allAccounted')
                              : `${n.format(vx.unaccounted)} / ${n.format(vx.registered)}`}
                          </span>
                        </button>
                        {village === v && (
                          <UnaccountedList
                            scenario={scenario}
                            village={v}
                            roll={state}
                            synthetic={register.data?.synthetic ?? false}
                          />
                        )}
                      </li>
                    ))}
                </ol>
              </div>
            )}
          </li>
        ))}
      </ol>
      <CheckinLinks
        scenario={scenario}
        shelters={plan.data?.plan?.assignments.map((a) => a.shelter) ?? []}
      />
    </section>
  );
}
