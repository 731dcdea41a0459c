import type { TFunction } from 'i18next';
import { HAZARD_STATUS_COLOUR, OVERDUE_COLOUR } from './hazards-layer.ts';
import { LAYER_IDS, type LayerChoice, type LayerId } from '../../state/view-state.ts';
import type { LegendBlock, MapKey } from '../../ui/map-key.tsx';
import { FILTERS } from './layer-defs.ts';
import {
  CAMERA_COLOUR,
  LEVEL_COLOUR,
  SHELTER_STATUS_COLOUR,
  TEAM_STATUS_COLOUR,
  WARNING_COLOUR,
} from './palette.ts';

/** Open steps in their colours, and red for overdue whatever the step. */
const HAZARD_LEGEND: Record<string, string> = {
  reported: HAZARD_STATUS_COLOUR.reported,
  verified: HAZARD_STATUS_COLOUR.verified,
  rectification_assigned: HAZARD_STATUS_COLOUR.rectification_assigned,
  rectified: HAZARD_STATUS_COLOUR.rectified,
  overdue: OVERDUE_COLOUR,
};

/** Colour keys of each layer's legend: enum key → colour per value. */
export const LEGEND: Partial<
  Record<LayerId, { enumKey: string; colours: Record<string, string> }>
> = {
  'risk-points': { enumKey: 'level', colours: LEVEL_COLOUR },
  incidents: { enumKey: 'level', colours: LEVEL_COLOUR },
  warnings: { enumKey: 'warningColour', colours: WARNING_COLOUR },
  shelters: { enumKey: 'shelterStatus', colours: SHELTER_STATUS_COLOUR },
  teams: { enumKey: 'teamStatus', colours: TEAM_STATUS_COLOUR },
  hazards: { enumKey: 'hazardStatus', colours: HAZARD_LEGEND },
};

/** Ring colours of each layer's clusters, as the map draws them. */
export const CLUSTER_RING: Partial<Record<LayerId, string>> = {
  shelters: SHELTER_STATUS_COLOUR.standby,
  cameras: CAMERA_COLOUR,
};

/** The keys of the layers shown, top layer first (what an exported map needs beside it). */
export function legendBlocks(
  layers: Readonly<Record<LayerId, LayerChoice>>,
  order: readonly LayerId[],
  t: TFunction,
): LegendBlock[] {
  return [...order]
    .reverse()
    .filter((id) => layers[id].on)
    .map((id) => {
      const legend = LEGEND[id];
      return {
        title: t(`layers.${id}`),
        items: legend
          ? Object.entries(legend.colours).map(([value, colour]) => ({
              colour,
              label: t(`enums.${legend.enumKey}.${value}`),
            }))
          : [],
      };
    });
}

/** The filters narrowing what is shown, one line per field ("风险隐患点 · 等级：I级、II级"). */
export function filterLines(
  layers: Readonly<Record<LayerId, LayerChoice>>,
  t: TFunction,
): string[] {
  return Object.entries(FILTERS).flatMap(([id, defs]) => {
    const choice = layers[id as LayerId];
    if (!choice.on) return [];
    return defs.flatMap((f) => {
      const chosen = choice.filters[f.field];
      if (!chosen) return [];
      const values = chosen.map((v) => t(`enums.${f.enumKey}.${v}`)).join(t('export.listSep'));
      return [`${t(`layers.${id}`)} · ${t(`fields.${f.field}`)}：${values || t('export.none')}`];
    });
  });
}

/** The legend and filter lines of what is shown, for a printed map (see ui/map-key). */
export function describeMap(layers: Readonly<Record<LayerId, LayerChoice>>, t: TFunction): MapKey {
  return { legend: legendBlocks(layers, LAYER_IDS, t), filters: filterLines(layers, t) };
}
