import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canPlan, useSession } from '../../api/session.ts';
import { useView } from '../../state/view-context.tsx';
import { AnnotationTools } from './annotation-tools.tsx';
import type { Briefing } from './use-briefing.ts';
import './briefing.css';

/** The follower's side: what the presenter shows, by whom (the map follows on its own). */
function FollowerPanel({ b }: { b: Briefing }) {
  const { t } = useTranslation();
  const p = b.presented;
  return (
    <aside className="details-panel briefing-panel" data-testid="briefing-panel">
      <h2>{t('briefing.following')}</h2>
      {p ? (
        <>
          <h3 data-testid="briefing-title">{p.title || t('briefing.untitled')}</h3>
          <p className="notes">{p.notes}</p>
          <p className="hint">{t('briefing.presenter', { by: p.by })}</p>
        </>
      ) : (
        <p className="hint">{t('briefing.waiting')}</p>
      )}
      {b.problem && <p role="alert">{b.problem}</p>}
    </aside>
  );
}

/**
 * The presenter's side: the scenes saved on the gateway stepped through like slides, pens to draw
 * over the map, saving the view as a scene, export, and presenting to followers.
 */
export function BriefingPanel({ b, exporter }: { b: Briefing; exporter: ReactNode }) {
  const { t } = useTranslation();
  const { view } = useView();
  const session = useSession();
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  if (b.needsSignIn)
    return (
      <aside className="details-panel briefing-panel" data-testid="briefing-panel">
        <h2>{t(b.follower ? 'briefing.following' : 'briefing.title')}</h2>
        <p className="hint" role="status">
          {t('briefing.signInToFollow')}
        </p>
      </aside>
    );
  if (b.follower) return <FollowerPanel b={b} />;
  const may = canPlan(session);
  const at = b.scenes.findIndex((s) => s.id === b.current?.id);
  const step = (i: number) => {
    const s = b.scenes[i];
    if (s) b.show(s);
  };
  const save = (replace: boolean) =>
    void b.save(title.trim(), notes.trim(), replace).then((ok) => {
      if (!ok) return;
      setTitle('');
      setNotes('');
    });

  return (
    <aside className="details-panel briefing-panel" data-testid="briefing-panel">
      <h2>{t('briefing.title')}</h2>
      {b.scenes.length === 0 && <p className="hint">{t('briefing.noScenes')}</p>}
      <ol className="slides">
        {b.scenes.map((s, i) => (
          <li key={s.id} className={s.id === b.current?.id ? 'current' : undefined}>
            <button type="button" onClick={() => b.show(s)}>
              {s.title || t('briefing.untitled')}
              {s.annotations.length > 0 && (
                <span className="drawn">
                  {t('briefing.drawn', { count: s.annotations.length })}
                </span>
              )}
            </button>
            {may && (
              <>
                <button
                  type="button"
                  className="move"
                  aria-label={t('briefing.moveUp')}
                  disabled={i === 0}
                  onClick={() => void b.move(s.id, i - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="move"
                  aria-label={t('briefing.moveDown')}
                  disabled={i === b.scenes.length - 1}
                  onClick={() => void b.move(s.id, i + 1)}
                >
                  ↓
                </button>
              </>
            )}
            {may && (
              <button
                type="button"
                className="remove"
                aria-label={t('briefing.remove')}
                onClick={() => void b.remove(s.id)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ol>
      <div className="buttons">
        <button type="button" disabled={at <= 0} onClick={() => step(at - 1)}>
          {t('briefing.previous')}
        </button>
        <button
          type="button"
          data-testid="briefing-next"
          disabled={at >= b.scenes.length - 1}
          onClick={() => step(at + 1)}
        >
          {t('briefing.next')}
        </button>
      </div>
      {b.current && (
        <>
          <p className="notes">{b.current.notes}</p>
          <p className="hint" data-testid="scene-link">
            {t('briefing.sceneLink', {
              link: `${window.location.origin}/briefing?s=${view.scenario}&scene=${b.current.id}`,
            })}
          </p>
        </>
      )}
      <AnnotationTools b={b} />
      {may ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save(false);
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
          <div className="buttons">
            <button type="submit" className="primary" data-testid="briefing-save">
              {t('briefing.save')}
            </button>
            <button
              type="button"
              data-testid="briefing-update"
              disabled={!b.current}
              onClick={() => save(true)}
            >
              {t('briefing.update')}
            </button>
          </div>
        </form>
      ) : (
        <p className="hint">{t('briefing.signInToSave')}</p>
      )}
      {exporter}
      {may && (
        <label className="present">
          <input
            type="checkbox"
            name="present"
            checked={b.presenting}
            onChange={(e) => b.setPresenting(e.target.checked)}
          />
          <span>{t('briefing.present')}</span>
        </label>
      )}
      <p className="hint">
        {t('briefing.followLink', {
          link: `${window.location.origin}/briefing/follow?s=${view.scenario}`,
        })}
      </p>
      {b.problem && <p role="alert">{b.problem}</p>}
    </aside>
  );
}
