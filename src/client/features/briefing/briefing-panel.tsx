import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canPlan, useSession } from '../../api/session.ts';
import { briefingQuery } from '../../data/collections.ts';
import { sendCommand } from '../../live/commands.ts';
import { decodeView, encodeView } from '../../state/url-codec.ts';
import { useView } from '../../state/view-context.tsx';
import { defaultViewState, type ViewState } from '../../state/view-state.ts';
import { loadSlides, saveSlides, type Slide } from './slides.ts';
import './briefing.css';

/** Followers open /briefing/follow; the presenter /briefing. */
export const isFollower = () => window.location.pathname.startsWith('/briefing/follow');

/**
 * A briefing over the live map: scenes saved from the console's view (camera, layers, filters,
 * selection, with a title and notes) stepped through like slides, and — for people in a video
 * meeting — the presenter's view sent through the gateway to everyone on /briefing/follow.
 */
export function BriefingPanel({ onShow }: { onShow: (v: ViewState) => void }) {
  const { t } = useTranslation();
  const { view } = useView();
  const follower = isFollower();
  const session = useSession();
  const [slides, setSlides] = useState<Slide[]>(() => loadSlides(view.scenario));
  const [current, setCurrent] = useState(-1);
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [presenting, setPresenting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const presented = useQuery({ ...briefingQuery(view.scenario), enabled: follower }).data;

  const update = (next: Slide[]) => {
    setSlides(next);
    saveSlides(view.scenario, next);
  };
  const show = (i: number) => {
    const s = slides[i];
    if (!s) return;
    setCurrent(i);
    onShow(decodeView(s.view, defaultViewState(view.scenario)).view);
  };

  // The presenter's view goes out as it changes (a pause after the last move, not every frame).
  const link = encodeView(view);
  const slide = slides[current];
  useEffect(() => {
    if (!presenting || follower) return;
    const timer = setTimeout(() => {
      void sendCommand('briefing:present', {
        scenario: view.scenario,
        view: link,
        title: slide?.title ?? '',
        notes: slide?.notes ?? '',
      }).then((r) => setProblem(r.ok ? null : r.error));
    }, 400);
    return () => clearTimeout(timer);
  }, [presenting, follower, link, slide, view.scenario]);

  // A follower takes each new view the presenter sends.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!follower || !presented || seen.current === presented.at) return;
    seen.current = presented.at;
    const decoded = decodeView(presented.view, defaultViewState(view.scenario));
    setProblem(decoded.problems.length > 0 ? decoded.problems.join('; ') : null);
    onShow(decoded.view);
  }, [follower, presented, onShow, view.scenario]);

  if (follower)
    return (
      <aside className="details-panel briefing-panel" data-testid="briefing-panel">
        <h2>{t('briefing.following')}</h2>
        {presented ? (
          <>
            <h3 data-testid="briefing-title">{presented.title || t('briefing.untitled')}</h3>
            <p className="notes">{presented.notes}</p>
            <p className="hint">{t('briefing.presenter', { by: presented.by })}</p>
          </>
        ) : (
          <p className="hint">{t('briefing.waiting')}</p>
        )}
        {problem && <p role="alert">{problem}</p>}
      </aside>
    );

  return (
    <aside className="details-panel briefing-panel" data-testid="briefing-panel">
      <h2>{t('briefing.title')}</h2>
      <ol className="slides">
        {slides.map((s, i) => (
          <li key={`${i}-${s.title}`} className={i === current ? 'current' : undefined}>
            <button type="button" onClick={() => show(i)}>
              {s.title || t('briefing.untitled')}
            </button>
            <button
              type="button"
              className="remove"
              aria-label={t('briefing.remove')}
              onClick={() => update(slides.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="buttons">
        <button type="button" disabled={current <= 0} onClick={() => show(current - 1)}>
          {t('briefing.previous')}
        </button>
        <button
          type="button"
          data-testid="briefing-next"
          disabled={current >= slides.length - 1}
          onClick={() => show(current + 1)}
        >
          {t('briefing.next')}
        </button>
      </div>
      {slide && <p className="notes">{slide.notes}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update([...slides, { title: title.trim(), notes: notes.trim(), view: link }]);
          setCurrent(slides.length);
          setTitle('');
          setNotes('');
        }}
      >
        <label>
          <span>{t('briefing.sceneTitle')}</span>
          <input name="slide-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          <span>{t('briefing.notes')}</span>
          <textarea name="slide-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="briefing-save">
          {t('briefing.save')}
        </button>
      </form>
      {canPlan(session) && (
        <label className="present">
          <input
            type="checkbox"
            name="present"
            checked={presenting}
            onChange={(e) => setPresenting(e.target.checked)}
          />
          <span>{t('briefing.present')}</span>
        </label>
      )}
      <p className="hint">
        {t('briefing.followLink', {
          link: `${window.location.origin}/briefing/follow?s=${view.scenario}`,
        })}
      </p>
      {problem && <p role="alert">{problem}</p>}
    </aside>
  );
}
