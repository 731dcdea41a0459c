import { hhmmCst } from '../../shared/time.ts';
import { useCallback, useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { codeInScan } from '../../shared/people/safe-code.ts';
import { CheckinView, type ScanOutcome } from '../../shared/protocol/index.ts';
import { fetchDoor, sendScans, type DoorLoad } from '../api/checkin-calls.ts';
import { CameraScanner } from './camera-scanner.tsx';
import { checkinTexts } from './checkin-texts.ts';
import { ScanQueue } from './scan-queue.ts';

const t = checkinTexts();
/** How often a queue that could not be sent is tried again. */
const RETRY_MS = 5_000;

type Load = { kind: 'loading' } | DoorLoad;

/** The door as last seen, so the page opens without network too (三断). */
function rememberedDoor(token: string): CheckinView | null {
  try {
    const r = CheckinView.safeParse(JSON.parse(localStorage.getItem(`onemap.door.${token}`) ?? ''));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/**
 * The check-in page at a shelter's door (or a village's 投亲靠友 desk), for a phone in the rain:
 * a big scan button, the typed code beside it, each person's name shown back so staff see it is
 * the one before them. Scans wait on the phone until the gateway has answered each.
 */
export function CheckinPage({ token }: { token: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const queue = useMemo(() => new ScanQueue(localStorage, `onemap.checkin.${token}`), [token]);
  const [, setTick] = useState(0);
  const refresh = () => setTick((n) => n + 1);
  const [online, setOnline] = useState(navigator.onLine);
  const [scanning, setScanning] = useState(false);
  const [noCamera, setNoCamera] = useState(false);
  const [typed, setTyped] = useState('');
  const [sentHere, setSentHere] = useState(0);

  const open = useCallback(() => {
    void fetchDoor(token).then((r) => {
      if (r.kind === 'shown') localStorage.setItem(`onemap.door.${token}`, JSON.stringify(r.view));
      const known = r.kind === 'offline' ? rememberedDoor(token) : null;
      setLoad(known ? { kind: 'shown', view: known } : r);
    });
  }, [token]);
  useEffect(open, [open]);

  const flush = useCallback(async () => {
    const r = await queue.flush((scans) => sendScans(token, scans));
    if (r.status === 'busy') return;
    setOnline(r.status === 'sent');
    setSentHere((n) => n + r.results.filter((x) => x.outcome === 'arrived').length);
    refresh();
  }, [queue, token]);

  useEffect(() => {
    const back = () => {
      setOnline(true);
      void flush();
    };
    const gone = () => setOnline(false);
    window.addEventListener('online', back);
    window.addEventListener('offline', gone);
    const timer = setInterval(() => {
      if (queue.waiting.length > 0) void flush();
    }, RETRY_MS);
    // What an earlier visit left queued goes as soon as the page is up.
    const first = setTimeout(() => void flush(), 0);
    return () => {
      window.removeEventListener('online', back);
      window.removeEventListener('offline', gone);
      clearInterval(timer);
      clearTimeout(first);
    };
  }, [flush, queue]);

  const add = (text: string) => {
    if (!text.trim()) return;
    queue.add(text);
    refresh();
    void flush();
  };
  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    add(typed);
    setTyped('');
  };

  if (load.kind === 'loading')
    return (
      <main className="checkin">
        <p className="checkin-msg">{t.loading}</p>
      </main>
    );
  if (load.kind !== 'shown')
    return (
      <main className="checkin">
        <h1>{t.title}</h1>
        <p className="checkin-msg" role="alert">
          {load.kind === 'invalid' ? t.invalid : t.loadOffline}
        </p>
        {load.kind === 'offline' && (
          <button className="checkin-btn" onClick={open}>
            {t.retry}
          </button>
        )}
      </main>
    );
  const v = load.view;
  return (
    <main className="checkin">
      <header className="checkin-head">
        {v.exercise && <span className="checkin-exercise">{t.exercise}</span>}
        <p className="checkin-kind">{v.kind === 'shelter' ? t.title : t.relativesTitle}</p>
        <h1 data-testid="checkin-place">{v.placeName}</h1>
        <p data-testid="checkin-count">
          {t.accounted} {v.count + sentHere} {t.people}
        </p>
      </header>
      <p
        className={online ? 'checkin-net up' : 'checkin-net down'}
        role="status"
        data-testid="checkin-net"
      >
        {online ? t.online : t.offline}
        {queue.waiting.length > 0 && (
          <>
            {' · '}
            <span data-testid="checkin-waiting">
              {t.waiting} {queue.waiting.length}
            </span>{' '}
            <button type="button" className="checkin-link" onClick={() => void flush()}>
              {t.sendNow}
            </button>
          </>
        )}
      </p>
      {!noCamera && (
        <button
          type="button"
          className="checkin-btn checkin-scan"
          data-testid="checkin-scan"
          onClick={() => setScanning((s) => !s)}
        >
          {scanning ? t.stopScan : t.scan}
        </button>
      )}
      {scanning && !noCamera && (
        <CameraScanner
          onCode={add}
          onError={() => {
            setNoCamera(true);
            setScanning(false);
          }}
        />
      )}
      {noCamera && <p className="checkin-msg">{t.cameraUnavailable}</p>}
      <form className="checkin-form" onSubmit={submit}>
        <label htmlFor="checkin-code">{t.typed}</label>
        <div className="checkin-row">
          <input
            id="checkin-code"
            data-testid="checkin-code"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={t.typedPlaceholder}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            inputMode="text"
            maxLength={12}
          />
          <button type="submit" className="checkin-btn" data-testid="checkin-submit">
            {t.submit}
          </button>
        </div>
      </form>
      <ol className="checkin-results" data-testid="checkin-results">
        {[...queue.waiting].reverse().map((s) => (
          <li key={s.id} className="queued" data-outcome="queued">
            <strong>{codeInScan(s.text)}</strong> <span>{t.queued}</span>
          </li>
        ))}
        {queue.answered.map((r) => (
          <Result key={r.id} r={r} />
        ))}
      </ol>
    </main>
  );
}

function Result({ r }: { r: ScanOutcome }) {
  const tags = (r.vulnerable ?? []).map((k) => t.vulnerable[k]);
  return (
    <li className={r.outcome} data-outcome={r.outcome}>
      {r.outcome === 'unknown' ? (
        <strong>{t.unknown}</strong>
      ) : (
        <>
          <strong>{r.name}</strong> {r.villageName}
          {tags.length > 0 && <em> {tags.join('、')}</em>}
          <span>
            {r.outcome === 'arrived' ? t.arrived : `${t.already}：${r.placeName ?? ''}`}
            {r.at ? ` ${hhmmCst(r.at)}` : ''}
          </span>
        </>
      )}
    </li>
  );
}
