import { useTranslation } from 'react-i18next';
import type { BasemapId } from '../../../shared/protocol/index.ts';
import type { BasemapState } from './use-basemap.ts';

/** The basemap choice in the top bar: only what this gateway offers. */
export function BasemapPicker({
  state,
  onPick,
}: {
  state: BasemapState;
  onPick: (id: BasemapId) => void;
}) {
  const { t } = useTranslation();
  if (state.offered.length === 0) return null;
  return (
    <label>
      <span>{t('basemap.label')}</span>
      <select
        name="basemap"
        value={state.spec?.id ?? ''}
        onChange={(e) => {
          const b = state.offered.find((x) => x.id === e.target.value);
          if (b) onPick(b.id);
        }}
      >
        {state.offered.map((b) => (
          <option key={b.id} value={b.id}>
            {t(`basemap.${b.id}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
