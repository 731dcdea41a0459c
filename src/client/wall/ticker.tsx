import { useTranslation } from 'react-i18next';
import type { Incident, Warning } from '../../shared/protocol/index.ts';
import { hhmmCst } from '../../shared/time.ts';
import { chunk } from './screens.ts';

interface Item {
  at: string;
  text: string;
  level: string;
}

/**
 * The latest events along the bottom of the wall: incidents as they change and warnings as they
 * are issued. On a public wall no titles or addresses (they carry names and places of people):
 * only the type, the level and the township.
 */
export function Ticker({
  columns,
  incidents,
  warnings,
  townships,
  redact,
}: {
  /** Screens across a tiled wall (1: one row of items). */
  columns: number;
  incidents: readonly Incident[];
  warnings: readonly Warning[];
  townships: ReadonlyMap<string, { name: string }> | undefined;
  redact: boolean;
}) {
  const { t } = useTranslation();
  const items: Item[] = [
    // Sensitive incidents are not shown on a public wall at all.
    ...incidents
      .filter((i) => !(redact && i.sensitive))
      .map((i) => ({
        at: i.updatedAt,
        level: i.severity,
        text: redact
          ? `${townships?.get(i.townshipCode ?? '')?.name ?? ''} ${t(`enums.incidentType.${i.type}`)} · ${t(`enums.incidentStatus.${i.status}`)}`
          : `${i.title} · ${t(`enums.incidentStatus.${i.status}`)}`,
      })),
    ...warnings.map((w) => ({
      at: w.sent,
      level: w.level,
      // A CAP alert with status Exercise is a drill, and says so.
      text: `${w.status === 'Exercise' ? `${t('fields.exerciseTag')} ` : ''}${redact ? `${w.event} · ${t(`enums.warningColour.${w.level}`)}` : w.headline}`,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 8);
  const item = (x: Item, i: number) => (
    <span key={`${x.at}-${i}`} className={`item level-${x.level}`}>
      <time>{hhmmCst(x.at)}</time> {x.text}
    </span>
  );
  const label = <span className="label">{t('wall.latest')}</span>;
  const quiet = items.length === 0 && <span>{t('wall.quiet')}</span>;
  return (
    <footer className="wall-ticker" data-testid="wall-ticker" aria-live="polite">
      {columns <= 1 ? (
        <>
          {label}
          {quiet}
          {items.map(item)}
        </>
      ) : (
        // A tiled wall: the newest events on the first screen, each screen's share kept to it.
        chunk(items, columns).map((part, c) => (
          <div key={c} className="ticker-cell">
            {c === 0 && label}
            {c === 0 && quiet}
            {part.map(item)}
          </div>
        ))
      )}
    </footer>
  );
}
