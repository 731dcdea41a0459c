import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import type { Theme } from '../../../map/base-style.ts';
import type { LayerGroup } from '../../../map/layer-group.ts';
import { useCollection } from '../../../data/collections.ts';
import { defineLayer } from '../layer-spec.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    villages: true;
  }
}

/** Village outlines when zoomed in; their invisible fill makes a click focus the village. */
function villagesGroup(data: FeatureCollection, theme: Theme, opacity: number): LayerGroup {
  return {
    id: 'village-areas',
    data,
    beforeId: 'townships-line',
    pickable: ['village-areas-fill'],
    layers: [
      {
        id: 'village-areas-fill',
        type: 'fill',
        minzoom: 10,
        paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
      },
      {
        id: 'village-areas-line',
        type: 'line',
        minzoom: 9.5,
        paint: {
          'line-color': theme === 'dark' ? '#3a6a94' : '#94a3b8',
          'line-width': 1,
          'line-opacity': opacity,
          'line-dasharray': [2, 1],
        },
      },
    ],
  };
}

export const villages = defineLayer({
  id: 'villages',
  name: { 'zh-CN': '村（社区）', en: 'Villages / communities' },
  picks: { 'village-areas-fill': 'area' },
  useBuild({ view, choice, theme }) {
    const query = useCollection(view.scenario, 'villages', choice.on);
    const features = query.data?.features;
    const groups = useMemo(
      () => (choice.on && features ? [villagesGroup(features, theme, choice.opacity)] : []),
      [choice.on, choice.opacity, features, theme],
    );
    const n = query.data?.entities.length ?? 0;
    return {
      groups,
      count: { shown: n, total: n },
      fetching: query.isFetching,
      error: query.error,
    };
  },
});
