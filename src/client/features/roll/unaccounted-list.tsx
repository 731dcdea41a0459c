import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unaccountedOf } from '../../../shared/people/accounting.ts';
import type { RollState } from '../../../shared/people/roll.ts';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import { fetchVillagePeople } from '../../api/roll-reads.ts';
import { useCollection } from '../../data/collections.ts';
import { download } from '../../ui/download.ts';
import { RelativesLink } from './checkin-links.tsx';

/** Names shown in the side column; the export has them all. */
const SHOWN = 60;

/**
 * A village's people not yet accounted for, the vulnerable first, and the village's head and
 * grid head to call about them.
 */
export function UnaccountedList({
  scenario,
  village,
  roll,
  synthetic,
}: {
  scenario: ScenarioId;
  village: string;
  roll: RollState;
  /** The sample's made-up people: their sheets say so. */
  synthetic: boolean;
}) {
  const { t } = useTranslation();
  const people = useQuery({
    queryKey: ['people', scenario, village],
    queryFn: ({ signal }) => fetchVillagePeople(scenario, village, signal),
    staleTime: 5 * 60_000,
  });
  const persons = useCollection(scenario, 'responsible-persons').data?.entities;
  const heads = (persons ?? []).filter(
    (p) => p.areaCode === village && (p.role === 'village-head' || p.role === 'grid-head'),
  );
  const list = useMemo(
    () => (people.data ? unaccountedOf(people.data.people, roll) : []),
    [people.data, roll],
  );
  const year = new Date().getFullYear();
  const villageName = useCollection(scenario, 'villages').data?.byKey.get(village)?.name ?? village;
  const [printing, setPrinting] = useState(false);
  const printTags = async () => {
    if (!people.data) return;
    setPrinting(true);
    try {
      // The sheets' QR encoder and PDF writer load on first use.
      const { tagSheetsPdf } = await import('./tag-sheets.ts');
      const pdf = await tagSheetsPdf(
        people.data.people,
        t('roll.tagTitle', { village: villageName }),
        synthetic ? `${t('roll.tagFooter')} · ${t('roll.synthetic')}` : t('roll.tagFooter'),
      );
      download(pdf, `${village}-安全码.pdf`, 'application/pdf');
    } finally {
      setPrinting(false);
    }
  };
  if (people.isPending) return <p className="roll-note">{t('roll.loading')}</p>;
  if (people.isError)
    return (
      <p className="roll-note" role="alert">
        {t('roll.failed', { why: people.error.message })}
      </p>
    );
  return (
    <div className="roll-village" data-testid="roll-unaccounted">
      <button
        type="button"
        className="roll-export"
        data-testid="roll-print-tags"
        disabled={printing}
        onClick={() => void printTags()}
      >
        {printing ? t('roll.printing') : t('roll.printTags')}
      </button>
      <RelativesLink scenario={scenario} village={village} />
      {heads.length > 0 && (
        <p className="roll-heads">
          {t('roll.responsible')}:{' '}
          {heads.map((h) => (
            <span key={h.id}>
              {t(`callout.role.${h.role}`)} {h.name}{' '}
              <a href={`tel:${h.phone}`} aria-label={t('roll.call', { phone: h.phone })}>
                {h.phone}
              </a>
            </span>
          ))}
        </p>
      )}
      {list.length === 0 ? (
        <p className="roll-note">{t('roll.allAccounted')}</p>
      ) : (
        <>
          <h4>{t('roll.list')}</h4>
          <ol className="roll-people">
            {list.slice(0, SHOWN).map((p) => (
              <li key={p.code} data-code={p.code} data-vulnerable={p.vulnerable.length > 0}>
                <span className="name">{p.name}</span>
                <span className="age">{t('roll.age', { n: year - p.born })}</span>
                {p.vulnerable.length > 0 && (
                  <span className="tags">
                    {p.vulnerable.map((k) => t(`vulnerable.${k}`)).join('、')}
                  </span>
                )}
                <span className="household">{p.household}</span>
              </li>
            ))}
          </ol>
          {list.length > SHOWN && (
            <p className="roll-note">{t('roll.more', { n: list.length - SHOWN })}</p>
          )}
        </>
      )}
    </div>
  );
}
