import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClock, useToday } from '../../state/use-today.ts';
import { useCollection } from '../../data/collections.ts';
import { useView } from '../../state/view-context.tsx';
import type { LayerId } from '../../state/view-state.ts';
import { layerSpec } from './registry.ts';

/** How long a selected entity may take to arrive before the panel says it is not there. */
const WAIT_MS = 5_000;

/** The details of the selected entity, whatever layer it is on. */
export function DetailsPanel({
  layer,
  id,
  children,
}: {
  layer: LayerId;
  id: string;
  /** More about the entity from other features (e.g. recommended teams for an incident). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { view, dispatch } = useView();
  const { source, Details } = layerSpec(layer);
  // A layer without entities of its own (areas, heat) has nothing to look up.
  const data = useCollection(view.scenario, source ?? 'shelters', source !== undefined);
  const entity = data.data?.byKey.get(id) as Record<string, unknown> | undefined;
  const today = useToday();
  const close = () => dispatch({ type: 'select', selection: null });

  // Something just created or selected from a command's answer may arrive with its event a
  // moment later: wait a few seconds before saying it does not exist.
  const [opened] = useState(() => Date.now());
  const now = useClock(entity === undefined, 1000);
  const waiting = data.isPending || now - opened < WAIT_MS;
  const body: ReactNode = !entity ? (
    <p data-testid="details-missing">{waiting ? t('layers.loading') : t('details.empty')}</p>
  ) : Details ? (
    <Details entity={entity as never} today={today} />
  ) : null;
  const named = entity?.name ?? entity?.title ?? entity?.headline;
  const title = typeof named === 'string' ? named : id;
  return (
    <aside className="details-panel" data-testid="details" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={close} aria-label={t('details.close')}>
          ×
        </button>
      </header>
      <p className="layer-tag">{t(`layers.${layer}`)}</p>
      {entity?.approximate === true && (
        <p className="approximate" data-testid="details-approximate">
          {t('details.approximate')}
        </p>
      )}
      {body}
      {children}
    </aside>
  );
}
