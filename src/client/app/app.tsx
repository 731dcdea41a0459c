import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBaseLayers } from '../features/boundaries/use-base-layers.ts';
import { VideoPanel, type Playing } from '../features/cameras/video-panel.tsx';
import { useDispatch } from '../features/dispatch/use-dispatch.tsx';
import { TransferPanel } from '../features/transfer/transfer-panel.tsx';
import { DetailsPanel } from '../features/layers/details-panel.tsx';
import { LayerPanel } from '../features/layers/layer-panel.tsx';
import { describeMap } from '../features/layers/legend.ts';
import { MapKeyContext } from '../ui/map-key.tsx';
import { useLayers } from '../features/layers/use-layers.ts';
import { AreaSummary } from '../features/navigation/area-summary.tsx';
import { useAreas } from '../features/navigation/use-areas.ts';
import { AboutDialog } from '../features/scenario/about-dialog.tsx';
import { IncidentBoard } from '../features/incidents/incident-board.tsx';
import {
  draftLayer,
  EMPTY_DRAFT,
  NewIncident,
  type IncidentDraft,
} from '../features/incidents/new-incident.tsx';
import { HazardPanel } from '../features/hazards/hazard-panel.tsx';
import { FiringBoard } from '../features/hydro/firing-board.tsx';
import { CalloutBoard } from '../features/callouts/callout-board.tsx';
import { RollBoard } from '../features/roll/roll-board.tsx';
import { HydroSummary } from '../features/hydro/hydro-summary.tsx';
import { useScenarioMeta } from '../data/scenarios.ts';
import { SearchBox } from '../features/search/search-box.tsx';
import type { SearchEntry } from '../features/search/search-index.ts';
import { useFeed } from '../live/use-feed.ts';
import { MapView } from '../map/map-view.tsx';
import { polygonDrawing } from '../map/shape-draw.ts';
import { MapBanners } from './map-banners.tsx';
import { SelectionExtras } from './selection-extras.tsx';
import { TopBar } from './top-bar.tsx';
import { useCameraTarget, useFitScenario } from './use-camera-target.ts';
import { usePicking } from './use-picking.ts';
import { usePlanning } from './use-planning.ts';
import { ReplayBar } from '../features/replay/replay-bar.tsx';
import { BriefingPanel } from '../features/briefing/briefing-panel.tsx';
import { ExportControls } from '../features/briefing/export-controls.tsx';
import { useBriefing } from '../features/briefing/use-briefing.ts';
import { useReplaying } from '../state/replay-store.ts';
import { useBasemap } from '../features/basemap/use-basemap.ts';
import { useUiScale } from '../state/use-ui-scale.ts';
import { useView } from '../state/view-context.tsx';
import type { LayerId, ViewState } from '../state/view-state.ts';

const SEARCH_LAYER: Record<Exclude<SearchEntry['kind'], 'area'>, LayerId> = {
  shelter: 'shelters',
  depot: 'depots',
  team: 'teams',
  risk: 'risk-points',
};

export function App() {
  const { t } = useTranslation();
  const { view, dispatch, problems } = useView();
  const [aboutOpen, setAboutOpen] = useState(false);
  const [zoom, setZoom] = useState(view.camera?.zoom ?? 10);

  const meta = useScenarioMeta(view.scenario);
  const basemap = useBasemap(view.scenario, view.basemap, meta?.bbox);
  const scale = useUiScale();
  const base = useBaseLayers(
    view.scenario,
    view.theme,
    view.layers.villages.on,
    scale,
    basemap.spec !== null && basemap.spec.id !== 'plain',
  );
  const areas = useAreas(view.scenario);
  const { target, moveTo, focusArea } = useCameraTarget(areas);
  const layers = useLayers(view, zoom, base.data?.townships ?? null, scale);
  const dispatchView = useDispatch(view.scenario, view.selection, scale);
  const [draft, setDraft] = useState<IncidentDraft | null>(null);
  const [playing, setPlaying] = useState<Playing | null>(null);
  const { planning, setPlanning, transfer } = usePlanning(view.scenario, scale);
  const placeDraft = useMemo(
    () =>
      draft?.placing
        ? (p: [number, number]) => setDraft({ position: p, placing: false, place: '' })
        : undefined,
    [draft?.placing],
  );
  const feed = useFeed(view.scenario);
  const showView = useCallback(
    (v: ViewState) => {
      dispatch({ type: 'load', view: v });
      if (v.camera) moveTo({ center: [v.camera.lon, v.camera.lat], zoom: v.camera.zoom });
    },
    [dispatch, moveTo],
  );
  // /briefing: the same console with the briefing's scenes (and /briefing/follow for viewers).
  const briefing = useBriefing(showView, scale);
  useFitScenario(meta?.bbox, moveTo, view.camera !== null || briefing.opensScene);
  const deckLayers = useMemo(() => {
    const marker = draftLayer(draft, scale);
    return [
      ...layers.deckLayers,
      ...transfer.layers,
      ...dispatchView.layers,
      ...(marker ? [marker] : []),
      ...briefing.layers,
    ];
  }, [layers.deckLayers, transfer.layers, dispatchView.layers, draft, scale, briefing.layers]);
  const onPolygon = planning ? transfer.draw.onPolygon : null;
  const drawing = useMemo(
    () => (onPolygon ? polygonDrawing(onPolygon) : briefing.drawing),
    [onPolygon, briefing.drawing],
  );
  const replaying = useReplaying();
  const groups = useMemo(
    () => [...base.below, ...layers.groups, ...base.labels],
    [base.below, layers.groups, base.labels],
  );

  const { tooltip, onPick } = usePicking(zoom, moveTo, focusArea);

  const townshipNames = useMemo(
    () =>
      new Map(
        (base.data?.townships.features ?? []).map((f) => [
          String(f.properties?.code),
          String(f.properties?.name),
        ]),
      ),
    [base.data?.townships],
  );
  /** Selects an entity from a list and shows it on the map (its layer switched on). */
  const showOnMap = useCallback(
    (layer: LayerId) => (id: string, position: [number, number]) => {
      dispatch({ type: 'toggle', layer, on: true });
      dispatch({ type: 'select', selection: { layer, id } });
      moveTo({ center: position, zoom: Math.max(zoom, 14) });
    },
    [dispatch, moveTo, zoom],
  );
  const onIncident = useMemo(() => showOnMap('incidents'), [showOnMap]);
  const onHazard = useMemo(() => showOnMap('hazards'), [showOnMap]);
  const onStation = useMemo(() => showOnMap('stations'), [showOnMap]);

  const onSearch = useCallback(
    (e: SearchEntry) => {
      if (e.kind === 'area') {
        focusArea(e.key);
        return;
      }
      const layer = SEARCH_LAYER[e.kind];
      dispatch({ type: 'toggle', layer, on: true });
      dispatch({ type: 'select', selection: { layer, id: e.key } });
      moveTo({ center: e.position, zoom: 15 });
    },
    [dispatch, focusArea, moveTo],
  );

  return (
    <MapKeyContext.Provider value={describeMap}>
      <div className={`app theme-${view.theme}${replaying ? ' replaying' : ''}`}>
        <TopBar
          scenario={view.scenario}
          basemap={basemap}
          feed={feed}
          planning={planning}
          briefing={briefing.on}
          onSearch={onSearch}
          onPlanning={setPlanning}
          onAbout={() => setAboutOpen(true)}
        />
        <main className="workspace">
          <div className="side">
            <LayerPanel output={layers} />
            <FiringBoard
              scenario={view.scenario}
              selectedStation={view.selection?.layer === 'stations' ? view.selection.id : null}
              onSelect={onStation}
            />
            <CalloutBoard
              scenario={view.scenario}
              onSelect={(position) => moveTo({ center: position, zoom: 13 })}
            />
            <RollBoard
              scenario={view.scenario}
              onSelect={(position) => moveTo({ center: position, zoom: 13 })}
            />
            <HydroSummary scenario={view.scenario} townships={townshipNames} onSelect={onStation} />
            <IncidentBoard
              scenario={view.scenario}
              townships={townshipNames}
              selectedId={view.selection?.layer === 'incidents' ? view.selection.id : null}
              onSelect={onIncident}
              onNew={() => {
                dispatch({ type: 'select', selection: null });
                setDraft(EMPTY_DRAFT);
              }}
            />
            <HazardPanel
              scenario={view.scenario}
              area={view.area}
              townships={townshipNames}
              onSelect={onHazard}
              onArea={focusArea}
            />
          </div>
          <div className="map-area">
            <MapView
              theme={view.theme}
              groups={groups}
              deckLayers={deckLayers}
              // Streamed positions are the present: a replay does not show them.
              liveDeck={replaying ? null : layers.liveDeck}
              target={target}
              initialCamera={view.camera}
              contextLostText={t('app.contextLost')}
              onPick={onPick}
              onClickAt={placeDraft}
              drawing={drawing}
              basemap={basemap.spec}
              projection={basemap.projection}
              onBasemapError={basemap.onError}
              onBasemapTile={basemap.onTile}
              onCamera={(c) => {
                setZoom(c.zoom);
                dispatch({ type: 'camera', camera: c });
              }}
            />
            {areas && <AreaSummary areas={areas} />}
            {tooltip && (
              <div
                className="tooltip"
                role="tooltip"
                style={{ left: tooltip.x + 14, top: tooltip.y + 14 }}
              >
                {tooltip.text}
              </div>
            )}
            <MapBanners
              loading={base.loading}
              basemap={basemap}
              loadError={base.error?.message ?? layers.errors[0] ?? null}
              onRetry={base.retry}
              problems={problems}
              feed={feed}
              replaying={replaying}
              synthetic={meta?.sources.some((s) => !s.real) ?? true}
            />
            <ReplayBar scenario={view.scenario} />
            {playing && <VideoPanel playing={playing} onClose={() => setPlaying(null)} />}
          </div>
          {planning && (
            <TransferPanel
              scenario={view.scenario}
              hazard={transfer.hazard}
              onHazard={transfer.setHazard}
              state={transfer.state}
              onRun={transfer.run}
              constraints={transfer.constraints}
              onConstraints={transfer.setConstraints}
              draw={transfer.draw}
              exercise={feed.exercise}
              onClose={() => setPlanning(false)}
            />
          )}
          {!planning && draft && (
            <NewIncident
              scenario={view.scenario}
              draft={draft}
              onDraft={setDraft}
              onClose={() => setDraft(null)}
              onCreated={(id, position) => {
                setDraft(null);
                onIncident(id, position);
              }}
              findPlace={(onPick) => <SearchBox scenario={view.scenario} onPick={onPick} />}
            />
          )}
          {briefing.on && (
            <BriefingPanel
              b={briefing}
              exporter={<ExportControls feed={feed} title={briefing.current?.title ?? ''} />}
            />
          )}
          {!briefing.on && !planning && !draft && view.selection && (
            <DetailsPanel
              key={`${view.selection.layer}:${view.selection.id}`}
              layer={view.selection.layer}
              id={view.selection.id}
            >
              <SelectionExtras
                layer={view.selection.layer}
                scenario={view.scenario}
                id={view.selection.id}
                dispatch={dispatchView.panel}
                watch={dispatchView.watch}
                onPlay={setPlaying}
              />
            </DetailsPanel>
          )}
        </main>
        {aboutOpen && <AboutDialog meta={meta} onClose={() => setAboutOpen(false)} />}
      </div>
    </MapKeyContext.Provider>
  );
}
