import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import { TeamKind, TeamStatus, type Team } from '../../../../shared/protocol/index.ts';
import { defineLayer } from '../layer-spec.ts';
import { rgba, TEAM_STATUS_COLOUR } from '../palette.ts';
import { InventoryTable, Row, useDetailWords } from '../parts/detail-rows.tsx';
import { useEntityLayer } from '../parts/entity-layer.ts';
import { townshipCountLayers, useCountPerTownship } from '../parts/township-counts.ts';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    teams: true;
  }
}

function teamsLayer(
  scale: number,
  teams: readonly Team[],
  visible: boolean,
  opacity: number,
): Layer {
  return new ScatterplotLayer<Team>({
    id: 'teams',
    data: teams,
    visible,
    pickable: true,
    opacity,
    radiusUnits: 'pixels',
    radiusScale: scale,
    getPosition: (t) => t.position,
    // Area grows with the number of people.
    getRadius: (t) => 3 + Math.sqrt(t.members) * 1.2,
    getFillColor: (t) => rgba(TEAM_STATUS_COLOUR[t.status]),
    getLineColor: [11, 21, 38, 255],
    lineWidthMinPixels: 1,
    stroked: true,
  });
}

function Details({ entity: tm }: { entity: Team }) {
  const { label, en, contact } = useDetailWords();
  return (
    <dl>
      <Row label={label('kind')}>{en('teamKind', tm.kind)}</Row>
      <Row label={label('status')}>{en('teamStatus', tm.status)}</Row>
      <Row label={label('members')}>{tm.members}</Row>
      <Row label={label('skills')}>{tm.skills.map((s) => en('teamSkill', s)).join('、')}</Row>
      <Row label={label('equipment')}>
        <InventoryTable inventory={tm.equipment} />
      </Row>
      <Row label={label('leader')}>{contact(tm.leader)}</Row>
    </dl>
  );
}

export const teams = defineLayer({
  id: 'teams',
  name: { 'zh-CN': '救援队伍', en: 'Rescue teams' },
  defaultOn: true,
  source: 'teams',
  filters: [
    { field: 'kind', enumKey: 'teamKind', options: TeamKind.options },
    { field: 'status', enumKey: 'teamStatus', options: TeamStatus.options },
  ],
  legend: { enumKey: 'teamStatus', colours: TEAM_STATUS_COLOUR },
  hint: 'aggregated',
  picks: { teams: 'entity', 'teams-agg': 'aggregate' },
  Details,
  useBuild(input) {
    const { choice, scale, near, townships } = input;
    const layer = useEntityLayer(input, 'teams');
    const perTownship = useCountPerTownship(layer.kept, townships);
    const deck = useMemo(
      () =>
        choice.on
          ? [
              teamsLayer(scale, layer.kept, near, choice.opacity),
              ...townshipCountLayers(
                scale,
                'teams',
                perTownship,
                TEAM_STATUS_COLOUR.available,
                !near,
                choice.opacity,
              ),
            ]
          : [],
      [choice.on, choice.opacity, layer.kept, perTownship, near, scale],
    );
    return { ...layer.row, deck };
  },
});
