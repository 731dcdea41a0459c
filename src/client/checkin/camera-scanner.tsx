import jsQR from 'jsqr';
import { useEffect, useRef } from 'react';

/** The browser's own detector where it has one (Android Chrome, Safari); not in every DOM lib. */
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** How often a frame is looked at: fast enough for a queue of people, light on a phone. */
const EVERY_MS = 150;
/** The same tag seen again within this is the same scan. */
const SAME_MS = 4_000;

/**
 * The phone's back camera, read for QR codes: by `BarcodeDetector` where the browser has it,
 * else by jsQR on the frame's pixels. Calls `onCode` once per tag shown; `onError` when there is
 * no camera to read (no permission, no secure context, none fitted).
 */
export function CameraScanner({
  onCode,
  onError,
}: {
  onCode: (text: string) => void;
  onError: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const report = useRef({ onCode, onError });
  useEffect(() => {
    report.current = { onCode, onError };
  }, [onCode, onError]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    const detector = Native ? new Native({ formats: ['qr_code'] }) : null;
    let last = { text: '', at: 0 };

    const seen = (text: string) => {
      const now = Date.now();
      if (text === last.text && now - last.at < SAME_MS) return;
      last = { text, at: now };
      report.current.onCode(text);
    };
    const look = async () => {
      const v = video.current;
      if (stopped || !v || !context) return;
      if (v.readyState >= 2 && v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        try {
          if (detector) {
            const found = await detector.detect(canvas);
            if (found[0]) seen(found[0].rawValue);
          } else {
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            const found = jsQR(image.data, image.width, image.height, {
              inversionAttempts: 'dontInvert',
            });
            if (found) seen(found.data);
          }
        } catch {
          // A frame the detector could not read: the next one may.
        }
      }
      timer = setTimeout(() => void look(), EVERY_MS);
    };

    // Absent outside a secure context (plain HTTP on a LAN), whatever the DOM types say.
    const media = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
    if (!media) {
      report.current.onError();
      return;
    }
    media
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        if (stopped) {
          s.getTracks().forEach((t) => t.stop());
          return;
        }
        stream = s;
        const v = video.current;
        if (!v) return;
        v.srcObject = s;
        void v.play().catch(() => undefined);
        void look();
      })
      .catch(() => report.current.onError());
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  return (
    <video ref={video} className="checkin-video" muted playsInline data-testid="checkin-video" />
  );
}
