import type { TFunction } from 'i18next';
import type { LayerChoice, LayerId } from '../../state/view-state.ts';
import type { LegendBlock, MapKey } from '../../ui/map-key.tsx';
import { LAYERS } from './registry.ts';

type Choices = Readonly<Record<LayerId, LayerChoice>>;

/** The keys of the layers shown, top layer first (what an exported map needs beside it). */
function legendBlocks(layers: Choices, t: TFunction): LegendBlock[] {
  return [...LAYERS]
    .reverse()
    .filter(({ id }) => layers[id].on)
    .map(({ id, legend }) => ({
      title: t(`layers.${id}`),
      items: legend
        ? Object.entries(legend.colours).map(([value, colour]) => ({
            colour,
            label: t(`enums.${legend.enumKey}.${value}`),
          }))
        : [],
    }));
}

/** The filters narrowing what is shown, one line per field ("风险隐患点 · 等级：I级、II级"). */
function filterLines(layers: Choices, t: TFunction): string[] {
  return LAYERS.flatMap(({ id, filters }) => {
    const choice = layers[id];
    if (!choice.on) return [];
    return (filters ?? []).flatMap((f) => {
      const chosen = choice.filters[f.field];
      if (!chosen) return [];
      const values = chosen.map((v) => t(`enums.${f.enumKey}.${v}`)).join(t('export.listSep'));
      return [`${t(`layers.${id}`)} · ${t(`fields.${f.field}`)}：${values || t('export.none')}`];
    });
  });
}

/** The legend and filter lines of what is shown, for a printed map (see ui/map-key). */
export function describeMap(layers: Choices, t: TFunction): MapKey {
  return { legend: legendBlocks(layers, t), filters: filterLines(layers, t) };
}
