import { useTranslation } from 'react-i18next';
import { AnnotationColour, type AnnotationKind } from '../../../shared/protocol/index.ts';
import { PEN } from './annotation-shapes.ts';
import type { Briefing } from './use-briefing.ts';

const KINDS: readonly AnnotationKind[] = ['arrow', 'circle', 'polygon', 'text', 'freehand'];

/** Pens over the map: a tool, a colour, the words of a text note; the drawings, each removable. */
export function AnnotationTools({ b }: { b: Briefing }) {
  const { t } = useTranslation();
  return (
    <fieldset className="annotation-tools" data-testid="annotation-tools">
      <legend>{t('briefing.draw')}</legend>
      <div className="tools" role="group" aria-label={t('briefing.tool')}>
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            data-tool={kind}
            aria-pressed={b.pen === kind}
            onClick={() => b.setPen(b.pen === kind ? null : kind)}
          >
            {t(`briefing.tools.${kind}`)}
          </button>
        ))}
      </div>
      <div className="colours" role="radiogroup" aria-label={t('briefing.colour')}>
        {AnnotationColour.options.map((c) => (
          <label key={c} className="colour" title={t(`briefing.colours.${c}`)}>
            <input
              type="radio"
              name="pen-colour"
              value={c}
              checked={b.colour === c}
              onChange={() => b.setColour(c)}
            />
            <span className="swatch" style={{ background: PEN[c] }} />
            <span className="sr-only">{t(`briefing.colours.${c}`)}</span>
          </label>
        ))}
      </div>
      {b.pen === 'text' && (
        <label>
          <span>{t('briefing.text')}</span>
          <input
            name="annotation-text"
            value={b.text}
            maxLength={100}
            onChange={(e) => b.setText(e.target.value)}
          />
        </label>
      )}
      {b.pen && <p className="hint">{t(`briefing.how.${b.pen}`)}</p>}
      <div className="buttons">
        <button type="button" disabled={b.annotations.length === 0} onClick={b.undo}>
          {t('briefing.undo')}
        </button>
        <button
          type="button"
          data-testid="annotations-clear"
          disabled={b.annotations.length === 0}
          onClick={b.clear}
        >
          {t('briefing.clear')}
        </button>
        <span className="count" data-testid="annotation-count">
          {t('briefing.drawn', { count: b.annotations.length })}
        </span>
      </div>
      {b.annotations.length > 0 && (
        <ol className="drawings" data-testid="annotation-list">
          {b.annotations.map((a) => (
            <li key={a.id} data-kind={a.kind}>
              <span className="swatch" style={{ background: PEN[a.colour] }} />
              <span className="what">
                {t(`briefing.tools.${a.kind}`)}
                {a.kind === 'text' && `：${a.text}`}
              </span>
              <button
                type="button"
                className="remove"
                aria-label={t('briefing.erase')}
                onClick={() => b.erase(a.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
    </fieldset>
  );
}
