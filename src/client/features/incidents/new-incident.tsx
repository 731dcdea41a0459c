import './new-incident.css';
import { ScatterplotLayer } from '@deck.gl/layers';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IncidentType,
  SeverityLevel,
  type LonLat,
  type ScenarioId,
} from '../../../shared/protocol/index.ts';
import { sendCommand } from '../../live/commands.ts';

export interface IncidentDraft {
  position: LonLat | null;
  /** The next map click places the incident. */
  placing: boolean;
  /** What the place is called, when it came from the gazetteer. */
  place: string;
}

export const EMPTY_DRAFT: IncidentDraft = { position: null, placing: true, place: '' };

/** The marker of a draft's position on the map. */
export function draftLayer(draft: IncidentDraft | null, scale: number) {
  if (!draft?.position) return null;
  return new ScatterplotLayer<LonLat>({
    id: 'incident-draft',
    data: [draft.position],
    getPosition: (p) => p,
    radiusUnits: 'pixels',
    radiusScale: scale,
    getRadius: 11,
    stroked: true,
    filled: true,
    getFillColor: [56, 189, 248, 120],
    getLineColor: [255, 255, 255, 255],
    lineWidthMinPixels: 3,
  });
}

/**
 * A call taken by phone: where (a click on the map, or a place from the gazetteer), what, how
 * serious. The gateway fills in county, township and village from the position.
 */
export function NewIncident({
  scenario,
  draft,
  onDraft,
  onCreated,
  onClose,
  findPlace,
}: {
  scenario: ScenarioId;
  draft: IncidentDraft;
  onDraft: (d: IncidentDraft) => void;
  onCreated: (id: string, position: LonLat) => void;
  onClose: () => void;
  /** A place search (the shell passes the search feature's box) that calls `onPick`. */
  findPlace: (onPick: (place: { position: LonLat; name: string }) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<IncidentType>('waterlogging');
  const [severity, setSeverity] = useState<SeverityLevel>('III');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const position = draft.position;
  const submit = async () => {
    if (!position) return;
    setSending(true);
    const r = await sendCommand('incident:create', {
      scenario,
      type,
      severity,
      title: title.trim(),
      description: description.trim(),
      position,
      address: (address.trim() || draft.place).slice(0, 200),
    });
    setSending(false);
    if (r.ok && r.data.id) onCreated(r.data.id, position);
    else setError(r.ok ? t('newIncident.noId') : r.error);
  };
  return (
    <aside className="details-panel new-incident" data-testid="new-incident">
      <header>
        <h2>{t('newIncident.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('details.close')}>
          ×
        </button>
      </header>
      <div className="where">
        <span>{t('newIncident.where')}</span>
        <button
          type="button"
          className={draft.placing ? 'active' : undefined}
          aria-pressed={draft.placing}
          onClick={() => onDraft({ ...draft, placing: !draft.placing })}
        >
          {draft.placing ? t('newIncident.clickMap') : t('newIncident.pickOnMap')}
        </button>
        {findPlace((e) => onDraft({ position: e.position, placing: false, place: e.name }))}
        <p className="position" data-testid="draft-position">
          {position
            ? `${draft.place ? `${draft.place} · ` : ''}${position[0].toFixed(5)}, ${position[1].toFixed(5)}`
            : t('newIncident.noPosition')}
        </p>
      </div>
      <label>
        <span>{t('fields.type')}</span>
        <select name="type" value={type} onChange={(e) => setType(e.target.value as IncidentType)}>
          {IncidentType.options.map((k) => (
            <option key={k} value={k}>
              {t(`enums.incidentType.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('fields.severity')}</span>
        <select
          name="severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value as SeverityLevel)}
        >
          {SeverityLevel.options.map((l) => (
            <option key={l} value={l}>
              {t(`enums.level.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('newIncident.headline')}</span>
        <input
          name="title"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label>
        <span>{t('fields.address')}</span>
        <input
          name="address"
          value={address}
          placeholder={draft.place}
          maxLength={200}
          onChange={(e) => setAddress(e.target.value)}
        />
      </label>
      <label>
        <span>{t('fields.description')}</span>
        <textarea
          name="description"
          value={description}
          rows={3}
          maxLength={4000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      {error && <p role="alert">{t('actions.refused', { message: error })}</p>}
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={sending || !position || title.trim().length < 2}
          onClick={() => void submit()}
        >
          {t('newIncident.create')}
        </button>
      </div>
    </aside>
  );
}
