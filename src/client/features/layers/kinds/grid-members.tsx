import { ScatterplotLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import type { GridMember } from '../../../../shared/protocol/index.ts';
import { defineLayer } from '../layer-spec.ts';
import { useLiveGrid } from '../live-grid-layer.ts';
import { GRID_MEMBER_COLOUR, rgba } from '../palette.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';
import { useEntityLayer } from '../parts/entity-layer.ts';
import { townshipCountLayers, useCountPerTownship } from '../parts/township-counts.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    'grid-members': true;
  }
}

const BOOL = ['true', 'false'];

function Details({ entity: g }: { entity: GridMember }) {
  const { label, en } = useDetailWords();
  return (
    <dl>
      <Row label={label('fullTime')}>{en('fullTime', g.fullTime)}</Row>
      <Row label={label('online')}>{en('online', g.online)}</Row>
      <Row label={label('phone')}>{g.phone}</Row>
    </dl>
  );
}

/**
 * Grid members: dots when zoomed in (from the live position stream when the gateway sends it),
 * one honest count per township when zoomed out. Where people are is for readers cleared to see
 * people.
 */
export const gridMembers = defineLayer({
  id: 'grid-members',
  name: { 'zh-CN': '网格员', en: 'Grid members' },
  source: 'grid-members',
  people: true,
  filters: [
    { field: 'online', enumKey: 'online', options: BOOL },
    { field: 'fullTime', enumKey: 'fullTime', options: BOOL },
  ],
  hint: 'aggregated',
  picks: { 'grid-members': 'entity', 'grid-members-agg': 'aggregate' },
  Details,
  useBuild(input) {
    const { view, choice, scale, near, townships, people } = input;
    const layer = useEntityLayer(input, 'grid-members', { lazy: true, allowed: people });
    const perTownship = useCountPerTownship(layer.kept, townships);
    const live = useLiveGrid(
      view.scenario,
      layer.entities,
      layer.kept,
      choice.on && near,
      scale,
      choice.opacity,
    );
    const streamed = live !== null;
    const deck = useMemo(
      () =>
        choice.on
          ? [
              new ScatterplotLayer<GridMember>({
                id: 'grid-members',
                data: layer.kept,
                visible: near && !streamed,
                pickable: true,
                opacity: choice.opacity,
                radiusUnits: 'pixels',
                radiusScale: scale,
                getPosition: (m) => m.position,
                getRadius: 3,
                getFillColor: (m) => rgba(GRID_MEMBER_COLOUR, m.online ? 230 : 90),
              }),
              ...townshipCountLayers(
                scale,
                'grid-members',
                perTownship,
                GRID_MEMBER_COLOUR,
                !near,
                choice.opacity,
              ),
            ]
          : [],
      [choice.on, choice.opacity, layer.kept, perTownship, near, streamed, scale],
    );
    return { ...layer.row, deck, live };
  },
});
