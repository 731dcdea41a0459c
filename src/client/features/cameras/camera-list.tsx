import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { camerasCovering } from '../../../shared/analysis/camera-coverage.ts';
import type { LonLat, ScenarioId } from '../../../shared/protocol/index.ts';
import { useCollection } from '../../data/collections.ts';
import type { Playing } from './video-panel.tsx';

const MAX = 8;

/**
 * The cameras that see a place (an incident) or a way (a team's route), nearest first, each
 * playable. Offline cameras are listed but cannot be played.
 */
export function CameraList({
  scenario,
  points,
  onPlay,
}: {
  scenario: ScenarioId;
  /** The incident's position first, then any route points. */
  points: readonly LonLat[];
  onPlay: (p: Playing) => void;
}) {
  const { t } = useTranslation();
  const cameras = useCollection(scenario, 'cameras');
  const views = useMemo(
    () => (cameras.data ? camerasCovering(cameras.data.entities, points) : []),
    [cameras.data, points],
  );
  return (
    <section className="camera-list" data-testid="camera-list">
      <h3>{t('video.covering', { n: views.length })}</h3>
      {cameras.isPending && <p>{t('layers.loading')}</p>}
      {cameras.data && views.length === 0 && <p className="hint">{t('video.none')}</p>}
      <ol>
        {views.slice(0, MAX).map(({ camera, distanceM }) => (
          <li key={camera.id}>
            <button
              type="button"
              disabled={!camera.online}
              onClick={() =>
                onPlay({ cameraId: camera.id, name: camera.name, url: camera.streamUrl })
              }
            >
              <span className="name">{camera.name}</span>
              <span className="muted">
                {camera.online
                  ? t('video.distance', { m: Math.round(distanceM) })
                  : t('video.offline')}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The play button of a selected camera. */
export function PlayCamera({
  scenario,
  id,
  onPlay,
}: {
  scenario: ScenarioId;
  id: string;
  onPlay: (p: Playing) => void;
}) {
  const { t } = useTranslation();
  const camera = useCollection(scenario, 'cameras').data?.byKey.get(id);
  if (!camera) return null;
  return (
    <p className="camera-play">
      <button
        type="button"
        disabled={!camera.online}
        onClick={() => onPlay({ cameraId: camera.id, name: camera.name, url: camera.streamUrl })}
      >
        {camera.online ? t('video.play') : t('video.offline')}
      </button>
    </p>
  );
}
