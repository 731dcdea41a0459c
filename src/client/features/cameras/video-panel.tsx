import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authHeaders, isGatewayUrl } from '../../api/credential.ts';
import './cameras.css';

export interface Playing {
  cameraId: string;
  name: string;
  url: string;
}

/**
 * Plays a camera's HLS stream: hls.js (loaded on first use) where the browser has Media Source
 * Extensions, the browser's own HLS where it has that (Safari). A failure says what failed.
 */
export function VideoPanel({ playing, onClose }: { playing: Playing; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    setError(null);
    let destroyed = false;
    let destroy: () => void = () => undefined;
    void import('hls.js').then(({ default: Hls }) => {
      if (destroyed) return;
      if (Hls.isSupported()) {
        const hls = new Hls({
          enableWorker: true,
          lowLatencyMode: false,
          // The gateway's streams are read with this tab's credential (never sent elsewhere).
          xhrSetup: (xhr, url) => {
            if (!isGatewayUrl(url)) return;
            for (const [name, value] of Object.entries(authHeaders()))
              xhr.setRequestHeader(name, value);
          },
        });
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (data.fatal) setError(`${data.type}: ${data.details}`);
        });
        hls.loadSource(playing.url);
        hls.attachMedia(el);
        destroy = () => hls.destroy();
      } else if (el.canPlayType('application/vnd.apple.mpegurl')) {
        el.src = playing.url;
      } else {
        setError(t('video.unsupported'));
      }
    });
    return () => {
      destroyed = true;
      destroy();
    };
  }, [playing.url, t]);
  return (
    <section className="video-panel" data-testid="video-panel" aria-label={playing.name}>
      <header>
        <h3>{playing.name}</h3>
        <button type="button" onClick={onClose} aria-label={t('details.close')}>
          ×
        </button>
      </header>
      <video ref={video} data-camera={playing.cameraId} muted autoPlay loop playsInline controls />
      {error && <p role="alert">{t('video.failed', { message: error })}</p>}
    </section>
  );
}
