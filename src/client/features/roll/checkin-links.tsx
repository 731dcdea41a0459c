import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinLink, ScenarioId } from '../../../shared/protocol/index.ts';
import { makeCheckinLink } from '../../api/roll-reads.ts';
import { canPlan, useSession } from '../../api/session.ts';
import { useCollection } from '../../data/collections.ts';

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
  const session = useSession();
  const shelters = useCollection(scenario, 'shelters').data?.entities ?? [];
  const inPlan = new Set(planned);
  const choices = inPlan.size > 0 ? shelters.filter((s) => inPlan.has(s.id)) : shelters;
  const [chosen, setChosen] = useState('');
  const [link, setLink] = useState<(CheckinLink & { qr: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!session || !canPlan(session)) return null;
  const make = async () => {
    const id = chosen || choices[0]?.id;
    if (!id) return;
    setError(null);
    try {
      const l = await makeCheckinLink(session, scenario, 'shelter', id);
      setLink({ ...l, qr: await QRCode.toDataURL(l.url, { margin: 1, width: 220 }) });
    } catch (e) {
      setError((e as Error).message);
    }
  };
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
      <button type="button" onClick={() => void make()}>
        {t('roll.linkMake')}
      </button>
      {error && <p role="alert">{error}</p>}
      {link && (
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
      )}
    </details>
  );
}
