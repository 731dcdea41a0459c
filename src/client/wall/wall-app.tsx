import type { ScenarioId } from '../../shared/protocol/index.ts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hazardStatsQuery, useCollection } from '../data/collections.ts';
import { currentPlanQuery, wallStateQuery } from '../data/live-values.ts';
import { useVillageTallies } from '../data/register-tallies.ts';
import { transferByName } from '../../shared/people/accounting.ts';
import { WALL_FREE } from '../../shared/protocol/index.ts';
import { useBaseLayers } from '../features/boundaries/use-base-layers.ts';
import { useBasemap } from '../features/basemap/use-basemap.ts';
import { LAYER_DEFAULTS } from '../features/layers/registry.ts';
import { useLayers } from '../features/layers/use-layers.ts';
import { useScenarioMeta, useScenarioName } from '../data/scenarios.ts';
import { villageProgress } from '../features/transfer/plan-progress.tsx';
import { ExerciseWatermark, LogFullAlarm, StaleCover } from '../live/connection-banner.tsx';
import { useFeed } from '../live/use-feed.ts';
import { MapView } from '../map/map-view.tsx';
import { useWhoAmI } from '../api/use-whoami.ts';
import { useClock } from '../state/use-today.ts';
import { clockCst } from '../../shared/time.ts';
import { defaultViewState, type LayerId, type ViewState } from '../state/view-state.ts';
import { parseWallParams, SCENES } from './scenes.ts';
import { Ticker } from './ticker.tsx';
import { WallIncidentList } from './incident-list.tsx';
import { useAutofit } from './use-autofit.ts';
import { KpiTile } from './kpi-tile.tsx';
import { layoutKpis } from './kpi-cells.ts';
import { useWallFrame } from './use-wall-frame.ts';
import { wallKpis, type Kpi } from './wall-kpis.ts';
import { hydroFigures } from '../../shared/hydro/station-state.ts';
import { answeredWithin } from '../../shared/callout/figures.ts';
import { useStationReadings } from '../data/station-readings.ts';

/** The tiles the 水雨情 scene shows beside its map. */
const HYDRO_TILES: ReadonlySet<Kpi['id']> = new Set([
  'alarms',
  'overWarning',
  'rain1h',
  'overFloodLimit',
  'callouts',
]);
import './wall.css';

/** The wall's "answered within" KPI: the rule duty officers are held to (Changzhi: 5 minutes). */
const CALLOUT_MINUTES = 5;

/** Wall symbols are drawn for 4K at a distance: twice the console's size. */
const WALL_SCALE = 2;

/**
 * The command-center wall (/wall): no cursor, no dialogs, large type; scenes rotate on the
 * schedule in the link, each with its own layers and camera; KPI tiles with thresholds, the
 * latest events, the time; a whole-screen cover when the data is stale.
 */
export function WallApp({ scenarios }: { scenarios: readonly ScenarioId[] }) {
  const { t, i18n } = useTranslation();
  const [{ params, problems }] = useState(() => parseWallParams(window.location.search, scenarios));
  const scenario = params.s;
  // A public wall's key (or no key where the deployment is open) is shaped for the public by the
  // gateway; the wall also words what it shows for the public (types, not titles).
  const who = useWhoAmI();
  const redact = params.redact === 'public' || who?.audience !== 'full';
  const feed = useFeed(scenario);
  const meta = useScenarioMeta(scenario);
  const scenarioName = useScenarioName(scenario);
  const now = useClock(true, 1_000);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (params.scenes.length < 2) return;
    const timer = setInterval(
      () => setIndex((i) => (i + 1) % params.scenes.length),
      params.every * 1000,
    );
    return () => clearInterval(timer);
  }, [params.scenes.length, params.every]);
  // The operator console may hold a scene and focus an incident on every wall (via the gateway).
  const control = useQuery(wallStateQuery(scenario)).data ?? WALL_FREE;
  const sceneId = control.scene ?? params.scenes[index % params.scenes.length] ?? 'overview';
  const scene = SCENES[sceneId];

  const view: ViewState = useMemo(() => {
    const base = defaultViewState(LAYER_DEFAULTS, scenario);
    const layers = Object.fromEntries(
      (Object.keys(LAYER_DEFAULTS) as LayerId[]).map((id) => [
        id,
        { ...base.layers[id], on: (scene.layers as readonly string[]).includes(id) },
      ]),
    ) as ViewState['layers'];
    return { ...base, layers, measure: scene.measure };
  }, [scenario, scene]);
  const basemap = useBasemap(scenario, null, meta?.bbox);
  const base = useBaseLayers(scenario, 'dark', false, WALL_SCALE, basemap.spec?.id !== 'plain');
  const [zoom, setZoom] = useState(11);
  const layers = useLayers(view, zoom, base.data?.townships ?? null, WALL_SCALE, redact);
  const groups = useMemo(
    () => [...base.below, ...layers.groups, ...base.labels],
    [base.below, layers.groups, base.labels],
  );

  const incidents = useCollection(scenario, 'incidents').data?.entities;
  const teams = useCollection(scenario, 'teams').data?.entities;
  const shelters = useCollection(scenario, 'shelters').data?.entities;
  const warnings = useCollection(scenario, 'warnings').data?.entities;
  const townships = useCollection(scenario, 'townships').data?.byKey;
  const hazards = useQuery(hazardStatsQuery(scenario)).data ?? null;
  const plan = useQuery(currentPlanQuery(scenario)).data;
  // An internal wall counts the transfer by name where villages have registers; a public one
  // (no people) by the plan's progress.
  const byName = who?.audience === 'full' && Boolean(plan?.plan);
  const tallies = useVillageTallies(scenario, byName);
  const transfer = useMemo(() => {
    if (!plan?.plan) return null;
    return transferByName(villageProgress(plan.plan, plan.progress, now), tallies ?? new Map());
  }, [plan, now, tallies]);
  const stations = useCollection(scenario, 'stations').data?.entities;
  const readings = useStationReadings(scenario, (stations?.length ?? 0) > 0).data;
  const hydro = useMemo(
    () =>
      stations?.length && readings
        ? hydroFigures(stations, readings.byStation, now + readings.skewMs)
        : null,
    [stations, readings, now],
  );
  const calloutList = useCollection(scenario, 'callouts').data?.entities;
  const callouts = useMemo(() => {
    if (!calloutList?.length) return null;
    return {
      minutes: CALLOUT_MINUTES,
      within: answeredWithin(calloutList, CALLOUT_MINUTES * 60_000, now),
      total: calloutList.length,
      waiting: calloutList.filter((c) => c.status === 'calling').length,
      unanswered: calloutList.filter((c) => c.status === 'unanswered').length,
    };
  }, [calloutList, now]);
  const n = new Intl.NumberFormat(i18n.language);
  const kpis = wallKpis(
    {
      incidents: incidents ?? [],
      teams: teams ?? [],
      shelters: shelters ?? [],
      hazards,
      transfer,
      hydro,
      callouts,
    },
    (x) => n.format(x),
  );
  // A row clicked on the wall's own list zooms there until clicked again; the desk's focus wins.
  const [pinned, setPinned] = useState<string | null>(null);
  const focused = incidents?.find((i) => i.id === (control.focus ?? pinned));
  const active = (incidents ?? []).filter((i) => !['resolved', 'closed'].includes(i.status));
  const camera = useAutofit(
    scene,
    `${sceneId}:${index}`,
    incidents,
    meta?.bbox,
    focused?.position ?? null,
  );
  const time = clockCst(now);
  const grid = { cols: params.screens[0], rows: params.screens[1], bezel: params.bezel };
  const frame = useWallFrame(grid);
  const shown =
    sceneId === 'incidents'
      ? kpis.slice(0, 2)
      : sceneId === 'hydro'
        ? kpis.filter((k) => HYDRO_TILES.has(k.id))
        : kpis;
  const kpiCells = layoutKpis(shown, grid, scene);

  // A wall whose key is refused says so, rather than showing what anyone may see.
  if (who && (!who.canRead || who.credentialError))
    return (
      <div className="wall wall-locked" data-testid="wall-locked" role="alert">
        <h1>{t('app.title')}</h1>
        <p>
          {who.credentialError
            ? t('wall.keyRefused', { reason: who.credentialError })
            : t('wall.keyNeeded')}
        </p>
      </div>
    );
  return (
    <div
      className={`wall ${scene.board ? 'board' : ''} ${frame.tiled ? 'tiled' : ''}`}
      style={frame.style}
      data-testid="wall"
      data-scene={sceneId}
    >
      <header className="wall-header">
        <div className="head-left">
          <h1>
            {t('app.title')} <span>{scenarioName}</span>
          </h1>
          <span className="scene" data-testid="wall-scene">
            {t(`wall.scene.${sceneId}`)}
            {control.scene && (
              <small data-testid="wall-held">
                {control.by ? t('wall.held', { by: control.by }) : t('wall.heldByCenter')}
              </small>
            )}
            {!control.scene && params.scenes.length > 1 && (
              <small>
                {index + 1}/{params.scenes.length}
              </small>
            )}
          </span>
        </div>
        <div className="head-mid">
          {focused && (
            <span className="focus" data-testid="wall-focus-title">
              {t('wall.focus', {
                title: redact ? t(`enums.incidentType.${focused.type}`) : focused.title,
              })}
            </span>
          )}
          {camera.locked && (
            <button
              type="button"
              className="resume"
              data-testid="wall-resume"
              onClick={camera.resume}
            >
              {t('wall.resume')}
            </button>
          )}
        </div>
        <div className="head-right">
          <span className={`feed feed-${feed.status}`}>{t(`wall.feed.${feed.status}`)}</span>
          <time className="clock" data-testid="wall-clock">
            {time}
          </time>
        </div>
      </header>
      <main className="wall-map">
        <MapView
          theme="dark"
          groups={groups}
          deckLayers={layers.deckLayers}
          liveDeck={layers.liveDeck}
          target={camera.target}
          initialCamera={null}
          contextLostText={t('app.contextLost')}
          basemap={basemap.spec}
          projection={basemap.projection}
          onCamera={(c) => setZoom(c.zoom)}
          onUserMove={camera.onUserMove}
        />
        {feed.exercise && <ExerciseWatermark />}
      </main>
      {kpiCells.map((cell, i) => (
        <section
          key={i}
          className={cell.className}
          style={cell.style}
          data-testid={i === 0 ? 'wall-kpis' : undefined}
        >
          {cell.tiles.map((k) => (
            <KpiTile key={k.id} k={k} format={(x) => n.format(x)} />
          ))}
          {cell.list && sceneId === 'incidents' && (
            <WallIncidentList
              incidents={active}
              pinned={pinned}
              onPick={(id) => setPinned((p) => (p === id ? null : id))}
              redact={redact}
            />
          )}
        </section>
      ))}
      <Ticker
        columns={frame.tiled ? grid.cols : 1}
        incidents={incidents ?? []}
        warnings={warnings ?? []}
        townships={townships}
        redact={redact}
      />
      {problems.length > 0 && (
        <div className="wall-problems" role="status">
          {problems.map((p) => t('app.badParam', { reason: p })).join(' · ')}
        </div>
      )}
      <LogFullAlarm feed={feed} />
      <StaleCover feed={feed} screens={frame.tiled ? grid.cols * grid.rows : 1} />
    </div>
  );
}
