import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { GridMember, Incident, LonLat, Team } from '../../../shared/protocol/index.ts';
import { GRID_MEMBER_COLOUR, LEVEL_COLOUR, TEAM_STATUS_COLOUR, rgba } from './palette.ts';

/** Below this zoom, thousands of dots are noise: they are counted per township instead. */
export const POINT_ZOOM = 12.5;

/** Township bubbles with the honest count of what they stand for. */
function townshipCountLayers(
  scale: number,
  id: string,
  perTownship: readonly TownshipCount[],
  colour: string,
  visible: boolean,
  opacity: number,
): Layer[] {
  return [
    new ScatterplotLayer<TownshipCount>({
      id: `${id}-agg`,
      data: perTownship,
      visible,
      pickable: true,
      opacity: opacity * 0.6,
      radiusUnits: 'pixels',
      radiusScale: scale,
      getPosition: (d) => d.position,
      getRadius: (d) => (d.count === 0 ? 0 : 9 + Math.sqrt(d.count) * 1.1),
      getFillColor: rgba(colour, 170),
      getLineColor: [255, 255, 255, 200],
      stroked: true,
      lineWidthMinPixels: 1,
    }),
    new TextLayer<TownshipCount>({
      id: `${id}-agg-count`,
      data: perTownship.filter((d) => d.count > 0),
      visible,
      opacity,
      getPosition: (d) => d.position,
      getText: (d) => String(d.count),
      getSize: 14,
      sizeScale: scale,
      getColor: [8, 16, 28, 255],
      fontWeight: 700,
    }),
  ];
}

export function teamsLayers(
  /** Symbol scale for the screen size. */
  scale: number,
  teams: readonly Team[],
  perTownship: readonly TownshipCount[],
  /** Zoomed in past POINT_ZOOM: dots; otherwise township counts. */
  near: boolean,
  opacity: number,
): Layer[] {
  return [
    teamsLayer(scale, teams, near, opacity),
    ...townshipCountLayers(
      scale,
      'teams',
      perTownship,
      TEAM_STATUS_COLOUR.available,
      !near,
      opacity,
    ),
  ];
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

export interface TownshipCount {
  code: string;
  name: string;
  position: LonLat;
  count: number;
}

/** Grid members: dots when zoomed in, one honest count per township when zoomed out. */
export function gridMemberLayers(
  /** Symbol scale for the screen size. */
  scale: number,
  members: readonly GridMember[],
  perTownship: readonly TownshipCount[],
  /** Zoomed in past POINT_ZOOM: dots; otherwise township counts. */
  near: boolean,
  opacity: number,
  /** The dots come from the live position stream instead (see live-grid-layer.ts). */
  live = false,
): Layer[] {
  return [
    new ScatterplotLayer<GridMember>({
      id: 'grid-members',
      data: members,
      visible: near && !live,
      pickable: true,
      opacity,
      radiusUnits: 'pixels',
      radiusScale: scale,
      getPosition: (m) => m.position,
      getRadius: 3,
      getFillColor: (m) => rgba(GRID_MEMBER_COLOUR, m.online ? 230 : 90),
    }),
    ...townshipCountLayers(scale, 'grid-members', perTownship, GRID_MEMBER_COLOUR, !near, opacity),
  ];
}

/** Incidents in their severity colours; ones newer than `pulseMs` pulse. */
export function incidentsLayer(
  /** Symbol scale for the screen size. */
  scale: number,
  incidents: readonly Incident[],
  now: number,
  pulseMs: number,
  opacity: number,
): Layer {
  const phase = (now % 1200) / 1200;
  return new ScatterplotLayer<Incident>({
    id: 'incidents',
    data: incidents,
    pickable: true,
    opacity,
    radiusUnits: 'pixels',
    radiusScale: scale,
    stroked: true,
    getPosition: (i) => i.position,
    getRadius: (i) =>
      now - Date.parse(i.reportedAt) < pulseMs ? 10 + 8 * Math.sin(phase * Math.PI) : 10,
    getFillColor: (i) => rgba(LEVEL_COLOUR[i.severity]),
    getLineColor: [255, 255, 255, 255],
    lineWidthMinPixels: 2,
    updateTriggers: { getRadius: phase },
  });
}
