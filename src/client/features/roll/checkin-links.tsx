import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinKind, CheckinLink, ScenarioId } from '../../../shared/protocol/index.ts';
import { makeCheckinLink } from '../../api/roll-reads.ts';
import { canPlan, useSession } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';

type Shown = CheckinLink & { qr: string };

/** Makes check-in links as the signed-in planner; null for a reader who may not. */
function useLinkMaker(scenario: ScenarioId) {
  const session = useSession();
  const [link, setLink] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!session || !canPlan(session)) return null;
  const make = async (kind: CheckinKind, place: string) => {
    setError(null);
    try {
      const l = await makeCheckinLink(session, scenario, kind, place);
      // The QR encoder loads on first use: most consoles never make a link.
      const { default: QRCode } = await import('qrcode');
      setLink({ ...l, qr: await QRCode.toDataURL(l.url, { margin: 1, width: 220 }) });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return { link, error, make };
}

/** A link as the staff get it: its QR code to scan with the phone, and the address. */
function LinkFigure({ link, error }: { link: Shown | null; error: string | null }) {
  const { t } = useTranslation();
  if (error) return <p role="alert">{error}</p>;
  if (!link) return null;
  return (
    <figure className="roll-link" data-testid="checkin-link">
      <img src={link.qr} alt={link.url} width={220} height={220} />
      <figcaption>
        <strong>{link.placeName}</strong> · {t('roll.linkHint')}
        <br />
        <a href={link.url} target="_blank" rel="noreferrer" data-testid="checkin-link-url">
          {link.url}
        </a>
      </figcaption>
    </figure>
  );
}

/**
 * A shelter's check-in link, made by a planner or duty officer and shown as a QR code that the
 * shelter's staff scan with a phone: the link is the only credential the check-in page needs.
 */
export function CheckinLinks({
  scenario,
  shelters: planned,
}: {
  scenario: ScenarioId;
  shelters: readonly string[];
}) {
  const { t } = useTranslation();
  const maker = useLinkMaker(scenario);
  const shelters = useCollection(scenario, 'shelters').data?.entities ?? [];
  const inPlan = new Set(planned);
  const choices = inPlan.size > 0 ? shelters.filter((s) => inPlan.has(s.id)) : shelters;
  const [chosen, setChosen] = useState('');
  if (!maker) return null;
  const id = chosen || choices[0]?.id;
  return (
    <details className="roll-links">
      <summary>{t('roll.links')}</summary>
      <label>
        {t('roll.linkShelter')}{' '}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {choices.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={!id} onClick={() => id && void maker.make('shelter', id)}>
        {t('roll.linkMake')}
      </button>
      <LinkFigure link={maker.link} error={maker.error} />
    </details>
  );
}

/** The link a village's cadres report 投亲靠友 with (people who went to relatives, not a shelter). */
export function RelativesLink({ scenario, village }: { scenario: ScenarioId; village: string }) {
  const { t } = useTranslation();
  const maker = useLinkMaker(scenario);
  if (!maker) return null;
  return (
    <div className="roll-relatives">
      <button
        type="button"
        className="roll-export"
        onClick={() => void maker.make('relatives', village)}
      >
        {t('roll.relativesLink')}
      </button>
      <LinkFigure link={maker.link} error={maker.error} />
    </div>
  );
}
