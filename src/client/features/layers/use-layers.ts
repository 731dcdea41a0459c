import type { Layer } from '@deck.gl/core';
import { useQuery } from '@tanstack/react-query';
import type { Feature, FeatureCollection } from 'geojson';
import { useCallback, useMemo } from 'react';
import { isOverdue } from '../../../shared/analysis/area-stats.ts';
import type { AdminArea, Camera, EntityOf } from '../../../shared/protocol/index.ts';
import { useAudience } from '../../api/use-whoami.ts';
import { reportStatsQuery, reportsQuery, useCollection } from '../../data/collections.ts';
import type { LayerGroup } from '../../map/layer-group.ts';
import { useClock, useToday } from '../../state/use-today.ts';
import type { LayerId, Measure, ViewState } from '../../state/view-state.ts';
import { hazardsLayer } from './hazards-layer.ts';
import { quantileBreaks, useFiltered } from './filtered.ts';
import {
  POINT_ZOOM,
  gridMemberLayers,
  incidentsLayer,
  teamsLayers,
  type TownshipCount,
} from './deck-layers.ts';
import type { LiveDeck } from '../../map/map-view.tsx';
import { useLiveGrid } from './live-grid-layer.ts';
import {
  cameraWedge,
  camerasGroup,
  choroplethGroup,
  depotsGroup,
  riskPointsGroup,
  sheltersGroup,
  villagesGroup,
  warningsGroup,
} from './maplibre-groups.ts';

export interface LayerCount {
  shown: number;
  total: number;
}

export interface LayersOutput {
  groups: LayerGroup[];
  deckLayers: Layer[];
  /** Grid members drawn from streamed positions (null until the gateway sends them). */
  liveDeck: LiveDeck | null;
  counts: Partial<Record<LayerId, LayerCount>>;
  loading: LayerId[];
  /** Layers of people (grid members) this reader may not see: sign in to show them. */
  locked: LayerId[];
  errors: string[];
  choropleth: { measure: Measure; breaks: number[] } | null;
  /** Report rows inside the chosen time window, and the time span of all reports. */
  reports: { shown: number; total: number; first: number; last: number } | null;
}

/**
 * Every entity layer of the console from the read API and the view's choices. Data of a layer
 * loads when the layer is first switched on; filters apply before clustering, so cluster counts
 * are honest.
 */
export function useLayers(
  view: ViewState,
  zoom: number,
  townships: FeatureCollection | null,
  /** Symbol scale for the screen size (see useUiScale). */
  scale = 1,
  /** A wall the public can see leaves sensitive incidents off the map. */
  hideSensitive = false,
): LayersOutput {
  const { scenario, layers, theme } = view;
  const risk = useCollection(scenario, 'risk-points');
  const shelters = useCollection(scenario, 'shelters');
  const teams = useCollection(scenario, 'teams');
  const depots = useCollection(scenario, 'depots');
  const incidents = useCollection(scenario, 'incidents');
  const warnings = useCollection(scenario, 'warnings', isOn(layers, 'warnings'));
  const cameras = useCollection(scenario, 'cameras', isOn(layers, 'cameras'));
  const villages = useCollection(scenario, 'villages', isOn(layers, 'villages'));
  // Where people are, and who they are, is for readers cleared to see people.
  const people = useAudience() === 'full';
  const grid = useCollection(scenario, 'grid-members', people && isOn(layers, 'grid-members'));
  const hazards = useCollection(scenario, 'open-hazards', isOn(layers, 'hazards'));
  const reports = useQuery({ ...reportsQuery(scenario), enabled: isOn(layers, 'hazard-reports') });
  const heatmap = useQuery({
    queryKey: ['module', 'heatmap'],
    queryFn: () => import('./heatmap-layer.ts'),
    enabled: isOn(layers, 'hazard-reports'),
    staleTime: Infinity,
  });
  const reportStats = useQuery({
    ...reportStatsQuery(scenario),
    enabled: isOn(layers, 'townships') && view.measure === 'settlementRate',
  });

  const today = useToday();
  const markOverdue = useCallback(
    (e: EntityOf<'risk-points'>, f: Feature) => {
      if (f.properties) f.properties.overdue = isOverdue(e, today);
    },
    [today],
  );
  const riskF = useFiltered(risk.data?.entities, 'risk-points', layers['risk-points'], markOverdue);
  const shelterF = useFiltered(shelters.data?.entities, 'shelters', layers.shelters);
  const teamF = useFiltered(teams.data?.entities, 'teams', layers.teams);
  const depotF = useFiltered(depots.data?.entities, 'depots', layers.depots);
  const shownIncidents = useMemo(
    () =>
      hideSensitive
        ? incidents.data?.entities.filter((i) => !i.sensitive)
        : incidents.data?.entities,
    [incidents.data, hideSensitive],
  );
  const incidentF = useFiltered(shownIncidents, 'incidents', layers.incidents);
  const warningF = useFiltered(warnings.data?.entities, 'warnings', layers.warnings);
  const cameraF = useFiltered(cameras.data?.entities, 'cameras', layers.cameras);
  const gridF = useFiltered(grid.data?.entities, 'grid-members', layers['grid-members']);
  const hazardF = useFiltered(hazards.data?.entities, 'open-hazards', layers.hazards);

  const wedges = useMemo<FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: cameraF.kept.map((c: Camera) => ({
        type: 'Feature',
        id: c.id,
        geometry: { type: 'Polygon', coordinates: [cameraWedge(c)] },
        properties: { id: c.id },
      })),
    }),
    [cameraF.kept],
  );

  const gridPerTownship = useMemo(
    () => countPerTownship(gridF.kept, townships),
    [gridF.kept, townships],
  );
  const teamsPerTownship = useMemo(
    () => countPerTownship(teamF.kept, townships),
    [teamF.kept, townships],
  );

  const choropleth = useMemo(() => {
    if (!townships || view.measure === 'none') return null;
    const byTownship = new Map<string, number>();
    const bump = (code: string | null) => {
      if (code) byTownship.set(code, (byTownship.get(code) ?? 0) + 1);
    };
    if (view.measure === 'riskPoints')
      for (const r of risk.data?.entities ?? []) bump(r.townshipCode);
    if (view.measure === 'openIncidents') {
      for (const i of incidents.data?.entities ?? [])
        if (i.status !== 'resolved' && i.status !== 'closed') bump(i.townshipCode);
    }
    const value = (a: AdminArea): number => {
      switch (view.measure) {
        case 'population':
          return a.population;
        case 'settlementRate': {
          const s = reportStats.data?.get(a.code);
          return s && s.total > 0 ? (s.settled / s.total) * 100 : 0;
        }
        default:
          return byTownship.get(a.code) ?? 0;
      }
    };
    const features = townships.features.map((f) => ({
      ...f,
      properties: { ...f.properties, value: value(f.properties as AdminArea) },
    }));
    const breaks = quantileBreaks(features.map((f) => f.properties.value));
    return { fc: { type: 'FeatureCollection' as const, features }, breaks, measure: view.measure };
  }, [townships, view.measure, risk.data, incidents.data, reportStats.data]);

  const reportWindow = useMemo(() => {
    const r = reports.data;
    if (!r) return null;
    const time = r.reader.time;
    const first = (time[0] ?? 0) * 1000;
    const last = (time[time.length - 1] ?? 0) * 1000;
    const [from, to] = view.timeRange ?? [first, last];
    const lower = (t: number) => {
      let lo = 0;
      let hi = time.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((time[mid] ?? 0) * 1000 < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return {
      start: lower(from),
      end: lower(to + 1),
      first,
      last,
      total: time.length,
      positions: r.positions,
    };
  }, [reports.data, view.timeRange]);

  const groups = useMemo(() => {
    const g: LayerGroup[] = [];
    if (isOn(layers, 'townships') && choropleth)
      g.push(
        choroplethGroup(choropleth.fc, choropleth.breaks, theme, opacityOf(layers, 'townships')),
      );
    if (isOn(layers, 'villages') && villages.data)
      g.push(villagesGroup(villages.data.features, theme, opacityOf(layers, 'villages')));
    if (isOn(layers, 'warnings')) g.push(warningsGroup(warningF.fc, opacityOf(layers, 'warnings')));
    if (isOn(layers, 'cameras'))
      g.push(...camerasGroup(cameraF.fc, wedges, opacityOf(layers, 'cameras'), scale));
    if (isOn(layers, 'depots')) g.push(depotsGroup(depotF.fc, opacityOf(layers, 'depots'), scale));
    if (isOn(layers, 'shelters'))
      g.push(sheltersGroup(shelterF.fc, theme, opacityOf(layers, 'shelters'), scale));
    if (isOn(layers, 'risk-points'))
      g.push(riskPointsGroup(riskF.fc, theme, opacityOf(layers, 'risk-points'), scale));
    return g;
  }, [
    scale,
    layers,
    theme,
    choropleth,
    villages.data,
    warningF.fc,
    cameraF.fc,
    wedges,
    depotF.fc,
    shelterF.fc,
    riskF.fc,
  ]);

  // Pulsing needs a ticking clock only while some incident is new; the minute clock finds them.
  const minute = useClock(true, 60_000);
  const hasNew = incidentF.kept.some((i) => minute - Date.parse(i.reportedAt) < PULSE_MS);
  const pulseNow = useClock(hasNew && isOn(layers, 'incidents'), 80);
  // A 4K wall shows twice the ground at the same zoom: judge clutter by screen-scaled zoom.
  const near = zoom - Math.log2(scale) >= POINT_ZOOM;
  const liveDeck = useLiveGrid(
    scenario,
    grid.data?.entities,
    gridF.kept,
    isOn(layers, 'grid-members') && near,
    scale,
    opacityOf(layers, 'grid-members'),
  );
  const live = liveDeck !== null;
  const deckLayers = useMemo(() => {
    const d: Layer[] = [];
    if (isOn(layers, 'hazard-reports') && reportWindow && heatmap.data)
      d.push(
        heatmap.data.reportsHeatmap(
          reportWindow.positions,
          reportWindow.start,
          reportWindow.end,
          opacityOf(layers, 'hazard-reports'),
        ),
      );
    if (isOn(layers, 'hazards'))
      d.push(hazardsLayer(scale, hazardF.kept, today, opacityOf(layers, 'hazards')));
    if (isOn(layers, 'grid-members'))
      d.push(
        ...gridMemberLayers(
          scale,
          gridF.kept,
          gridPerTownship,
          near,
          opacityOf(layers, 'grid-members'),
          live,
        ),
      );
    if (isOn(layers, 'teams'))
      d.push(...teamsLayers(scale, teamF.kept, teamsPerTownship, near, opacityOf(layers, 'teams')));
    if (isOn(layers, 'incidents'))
      d.push(
        incidentsLayer(scale, incidentF.kept, pulseNow, PULSE_MS, opacityOf(layers, 'incidents')),
      );
    return d;
  }, [
    scale,
    layers,
    reportWindow,
    heatmap.data,
    hazardF.kept,
    today,
    gridF.kept,
    gridPerTownship,
    near,
    live,
    teamF.kept,
    teamsPerTownship,
    incidentF.kept,
    pulseNow,
  ]);

  const count = (kept: readonly unknown[], all: readonly unknown[] | undefined): LayerCount => ({
    shown: kept.length,
    total: all?.length ?? 0,
  });
  const counts: LayersOutput['counts'] = {
    'risk-points': count(riskF.kept, risk.data?.entities),
    shelters: count(shelterF.kept, shelters.data?.entities),
    teams: count(teamF.kept, teams.data?.entities),
    depots: count(depotF.kept, depots.data?.entities),
    incidents: count(incidentF.kept, incidents.data?.entities),
    warnings: count(warningF.kept, warnings.data?.entities),
    cameras: count(cameraF.kept, cameras.data?.entities),
    'grid-members': count(gridF.kept, grid.data?.entities),
    hazards: count(hazardF.kept, hazards.data?.entities),
    townships: { shown: townships?.features.length ?? 0, total: townships?.features.length ?? 0 },
    villages: {
      shown: villages.data?.entities.length ?? 0,
      total: villages.data?.entities.length ?? 0,
    },
    ...(reportWindow
      ? {
          'hazard-reports': {
            shown: reportWindow.end - reportWindow.start,
            total: reportWindow.total,
          },
        }
      : {}),
  };
  const pending: [LayerId, { isPending: boolean; isFetching: boolean }][] = [
    ['warnings', warnings],
    ['cameras', cameras],
    ['villages', villages],
    ['grid-members', grid],
    ['hazards', hazards],
    ['hazard-reports', reports.isFetching ? reports : heatmap],
  ];
  const errors = [
    risk,
    shelters,
    teams,
    depots,
    incidents,
    warnings,
    cameras,
    villages,
    grid,
    hazards,
    reports,
  ].flatMap((q) => (q.error ? [q.error.message] : []));
  return {
    groups,
    liveDeck,
    deckLayers,
    counts,
    loading: pending.filter(([id, q]) => isOn(layers, id) && q.isFetching).map(([id]) => id),
    locked: people ? [] : ['grid-members'],
    errors,
    choropleth: choropleth ? { measure: choropleth.measure, breaks: choropleth.breaks } : null,
    reports: reportWindow
      ? {
          shown: reportWindow.end - reportWindow.start,
          total: reportWindow.total,
          first: reportWindow.first,
          last: reportWindow.last,
        }
      : null,
  };
}

const isOn = (layers: ViewState['layers'], id: LayerId) => layers[id].on;
const opacityOf = (layers: ViewState['layers'], id: LayerId) => layers[id].opacity;

/** New incidents pulse for this long. */
export const PULSE_MS = 10 * 60_000;

/** How many of the items stand in each township, at the township's seat. */
function countPerTownship(
  items: readonly { townshipCode: string }[],
  townships: FeatureCollection | null,
): TownshipCount[] {
  if (!townships) return [];
  const counts = new Map<string, number>();
  for (const m of items) counts.set(m.townshipCode, (counts.get(m.townshipCode) ?? 0) + 1);
  return townships.features.map((f) => {
    const a = f.properties as AdminArea;
    return { code: a.code, name: a.name, position: a.seat, count: counts.get(a.code) ?? 0 };
  });
}
