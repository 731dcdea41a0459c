import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { interpretPick, type Picked } from '../features/layers/pick.ts';
import type { CameraTarget, Pick } from '../map/map-view.tsx';
import { useView } from '../state/view-context.tsx';

export interface Tooltip {
  x: number;
  y: number;
  text: string;
}

/**
 * What hovering and clicking the map do: a tooltip naming what is under the pointer; a click
 * selects an entity, zooms into a cluster or focuses an area.
 */
export function usePicking(
  zoom: number,
  moveTo: (t: Omit<CameraTarget, 'key'>) => void,
  focusArea: (code: string | null) => void,
) {
  const { t } = useTranslation();
  const { dispatch } = useView();
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);

  const describe = useCallback(
    (p: Picked): string => {
      switch (p.kind) {
        case 'area':
          return p.name;
        case 'cluster':
          return `${t(`layers.${p.layer}`)} × ${p.count}`;
        case 'aggregate':
          return `${p.name} · ${t(`layers.${p.layer}`)} ${p.count}`;
        case 'entity': {
          const o = p.object as {
            name?: string;
            title?: string;
            properties?: { name?: string; title?: string };
          } | null;
          const name = o?.name ?? o?.title ?? o?.properties?.name ?? o?.properties?.title ?? p.id;
          return `${name} · ${t(`layers.${p.layer}`)}`;
        }
      }
    },
    [t],
  );

  const onPick = useCallback(
    (kind: 'hover' | 'click', pick: Pick | null) => {
      const meaning = pick ? interpretPick(pick.layerId, pick.properties, pick.object) : null;
      if (kind === 'hover') {
        setTooltip(pick && meaning ? { x: pick.x, y: pick.y, text: describe(meaning) } : null);
        return;
      }
      if (!pick || !meaning) return;
      if (meaning.kind === 'entity')
        dispatch({ type: 'select', selection: { layer: meaning.layer, id: meaning.id } });
      else if (meaning.kind === 'cluster') moveTo({ center: pick.lngLat, zoom: zoom + 2 });
      else if (meaning.kind === 'area') focusArea(meaning.code);
    },
    [describe, dispatch, focusArea, moveTo, zoom],
  );
  return { tooltip, onPick };
}
