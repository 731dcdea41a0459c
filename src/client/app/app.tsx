import * as turf from '@turf/turf';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBaseLayers } from '../features/boundaries/use-base-layers.ts';
import { CameraList, PlayCamera } from '../features/cameras/camera-list.tsx';
import { VideoPanel, type Playing } from '../features/cameras/video-panel.tsx';
import { DispatchTracker } from '../features/dispatch/dispatch-tracker.tsx';
import { useDispatch } from '../features/dispatch/use-dispatch.tsx';
import { TransferPanel } from '../features/transfer/transfer-panel.tsx';
import { useTransfer } from '../features/transfer/use-transfer.ts';
import { DetailsPanel } from '../features/layers/details-panel.tsx';
import { LayerPanel } from '../features/layers/layer-panel.tsx';
import { describeMap } from '../features/layers/legend.ts';
import { AuditButton } from '../features/audit/audit-button.tsx';
import { WallFocusButton } from '../features/wall-control/wall-control.tsx';
import { MapKeyContext } from '../ui/map-key.tsx';
import { interpretPick, type Picked } from '../features/layers/pick.ts';
import { useLayers } from '../features/layers/use-layers.ts';
import { AreaSummary } from '../features/navigation/area-summary.tsx';
import { useAreas } from '../features/navigation/use-areas.ts';
import { AboutDialog } from '../features/scenario/about-dialog.tsx';
import { Alarm } from '../features/incidents/alarm.tsx';
import { IncidentActions } from '../features/incidents/incident-actions.tsx';
import { IncidentBoard } from '../features/incidents/incident-board.tsx';
import {
  draftLayer,
  EMPTY_DRAFT,
  NewIncident,
  type IncidentDraft,
} from '../features/incidents/new-incident.tsx';
import { HazardActions } from '../features/hazards/hazard-actions.tsx';
import { HazardPanel } from '../features/hazards/hazard-panel.tsx';
import { SignIn } from '../features/session/sign-in.tsx';
import { useScenarioMeta } from '../features/scenario/api.ts';
import { SearchBox } from '../features/search/search-box.tsx';
import type { SearchEntry } from '../features/search/search-index.ts';
import { useFeed } from '../live/use-feed.ts';
import { MapView, type CameraTarget, type Pick } from '../map/map-view.tsx';
import { polygonDrawing } from '../map/shape-draw.ts';
import { MapBanners } from './map-banners.tsx';
import { ViewPickers } from './view-pickers.tsx';
import { ReplayBar, ReplayButton } from '../features/replay/replay-bar.tsx';
import { BriefingPanel } from '../features/briefing/briefing-panel.tsx';
import { ExportButton } from '../features/briefing/export-button.tsx';
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

interface Tooltip {
  x: number;
  y: number;
  text: string;
}

export function App() {
  const { t } = useTranslation();
  const { view, dispatch, problems } = useView();
  const [aboutOpen, setAboutOpen] = useState(false);
  const [zoom, setZoom] = useState(view.camera?.zoom ?? 10);
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);
  const [target, setTarget] = useState<CameraTarget | null>(null);
  const targetKey = useRef(0);
  const moveTo = useCallback(
    (t: Omit<CameraTarget, 'key'>) => setTarget({ ...t, key: ++targetKey.current }),
    [],
  );

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
  const layers = useLayers(view, zoom, base.data?.townships ?? null, scale);
  const dispatchView = useDispatch(view.scenario, view.selection, scale);
  const [draft, setDraft] = useState<IncidentDraft | null>(null);
  const [playing, setPlaying] = useState<Playing | null>(null);
  const [planningOn, setPlanningOn] = useState(false);
  // A draft prepared for a new warning opens the planner's panel until it is closed.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [autoDraft, setAutoDraft] = useState<string | null>(null);
  const planning = planningOn || (autoDraft !== null && autoDraft !== dismissed);
  const setPlanning = (on: boolean) => {
    setPlanningOn(on);
    if (!on) setDismissed(autoDraft);
  };
  const transfer = useTransfer(view.scenario, planning, scale);
  // Derived from the hook's output during render (React's pattern for state that follows props).
  if (transfer.drafted !== autoDraft) setAutoDraft(transfer.drafted);
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

  // A scenario opens on the camera from the link (or the briefing scene it names), else on the whole scenario; switching
  // scenarios (a new `meta`) fits the new one.
  const placedByLink = useRef(view.camera !== null || briefing.opensScene);
  useEffect(() => {
    if (!meta) return;
    if (!placedByLink.current) moveTo({ bounds: meta.bbox });
    placedByLink.current = false;
  }, [meta, moveTo]);

  const focusArea = useCallback(
    (code: string | null) => {
      dispatch({ type: 'area', area: code });
      const area = code ? areas?.byCode.get(code) : areas?.root;
      if (area) {
        const [w, s, e, n] = turf.bbox(area.geometry);
        moveTo({ bounds: [w, s, e, n] });
      }
    },
    [areas, dispatch, moveTo],
  );

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
        <header className="top-bar">
          <h1>
            <span className="brand">{t('app.title')}</span>
            <span className="subtitle">{t(`scenario.${view.scenario}`)}</span>
          </h1>
          <SearchBox key={view.scenario} scenario={view.scenario} onPick={onSearch} />
          <div className="controls">
            <ViewPickers basemap={basemap} />
            <button
              type="button"
              data-testid="transfer-button"
              aria-pressed={planning}
              onClick={() => setPlanning(!planning)}
            >
              {t('transfer.button')}
            </button>
            <ReplayButton scenario={view.scenario} />
            {!briefing.on && <ExportButton feed={feed} />}
            <button type="button" onClick={() => setAboutOpen(true)}>
              {t('about.button')}
            </button>
            <Alarm scenario={view.scenario} />
            <SignIn tools={(s) => <AuditButton session={s} />} />
          </div>
        </header>
        <main className="workspace">
          <div className="side">
            <LayerPanel output={layers} />
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
              {view.selection.layer === 'incidents' && (
                <IncidentActions
                  scenario={view.scenario}
                  id={view.selection.id}
                  more={<WallFocusButton scenario={view.scenario} id={view.selection.id} />}
                />
              )}
              {view.selection.layer === 'hazards' && (
                <HazardActions scenario={view.scenario} id={view.selection.id} />
              )}
              {dispatchView.panel}
              {view.selection.layer === 'incidents' && (
                <DispatchTracker scenario={view.scenario} id={view.selection.id} />
              )}
              {view.selection.layer === 'incidents' && dispatchView.watch && (
                <CameraList
                  scenario={view.scenario}
                  points={dispatchView.watch}
                  onPlay={setPlaying}
                />
              )}
              {view.selection.layer === 'cameras' && (
                <PlayCamera scenario={view.scenario} id={view.selection.id} onPlay={setPlaying} />
              )}
            </DetailsPanel>
          )}
        </main>
        {aboutOpen && <AboutDialog meta={meta} onClose={() => setAboutOpen(false)} />}
      </div>
    </MapKeyContext.Provider>
  );
}
